// The joined catalogue, kept in memory between requests so a search or sort over ~4,300 items
// never re-reads and re-joins every row. After a write it reloads only what changed: prices with a
// seq above the cached one, volumes when they were rewritten, everything after a mapping sync.
import { computeFigures, type Figures } from '../../shared/domain/figures';
import {
  readCatalogue, readCatalogueFingerprint, readStoreVersion, readVolumes,
  type CatalogueFingerprint, type CatalogueRecord,
} from '../store/catalogue-query';
import type { Db } from '../store/db';
import { readLatestPrices } from '../store/latest-query';

export interface CatalogueEntry {
  record: CatalogueRecord;
  /** Figures as of the last reload: for sorting only (rows shown are recomputed at request time). */
  figures: Figures;
}

export interface Catalogue {
  /** Items in the current /mapping, ordered by name. */
  listed: CatalogueEntry[];
  /** Every item the store knows, by id. */
  byId: ReadonlyMap<number, CatalogueEntry>;
  /** Changes whenever anything but the prices may have: the mapping, the volumes, the epoch. */
  factsVersion: string;
}

export interface CatalogueCache {
  read(): Promise<Catalogue>;
}

interface Cached {
  version: string;
  fingerprint: CatalogueFingerprint;
  catalogue: Catalogue;
  byId: Map<number, CatalogueEntry>;
}

export function compareNames(a: CatalogueRecord, b: CatalogueRecord): number {
  if (a.nameLower !== b.nameLower) return a.nameLower < b.nameLower ? -1 : 1;
  return a.id - b.id;
}

function figuresOf(record: CatalogueRecord, now: number): Figures {
  return computeFigures({ ...record, itemId: record.id }, now, Number.POSITIVE_INFINITY);
}

function factsVersionOf(fingerprint: CatalogueFingerprint): string {
  return `${fingerprint.epoch}|${fingerprint.items}|${fingerprint.volumes}`;
}

function update(entry: CatalogueEntry, changes: Partial<CatalogueRecord>, now: number): void {
  entry.record = { ...entry.record, ...changes };
  entry.figures = figuresOf(entry.record, now);
}

export function createCatalogueCache(db: Db, nowSeconds: () => number): CatalogueCache {
  let cached: Cached | null = null;
  let pending: Promise<Catalogue> | null = null;

  const loadAll = async (version: string, fingerprint: CatalogueFingerprint): Promise<Cached> => {
    const now = nowSeconds();
    const entries = (await readCatalogue(db)).map((record) => ({ record, figures: figuresOf(record, now) }));
    const byId = new Map(entries.map((entry) => [entry.record.id, entry]));
    const listed = entries.filter((e) => e.record.inMapping).sort((a, b) => compareNames(a.record, b.record));
    return { version, fingerprint, byId, catalogue: { listed, byId, factsVersion: factsVersionOf(fingerprint) } };
  };

  const refresh = async (): Promise<Catalogue> => {
    // Versions are read before the rows: a write landing in between is picked up next time.
    const version = await readStoreVersion(db);
    if (cached?.version === version) return cached.catalogue;
    const fingerprint = await readCatalogueFingerprint(db);
    const previous = cached;
    if (!previous || previous.fingerprint.items !== fingerprint.items || previous.fingerprint.epoch !== fingerprint.epoch) {
      cached = await loadAll(version, fingerprint);
      return cached.catalogue;
    }
    const now = nowSeconds();
    if (previous.fingerprint.volumes !== fingerprint.volumes) {
      const volumes = new Map((await readVolumes(db)).map((v) => [v.itemId, v]));
      for (const entry of previous.byId.values()) {
        const v = volumes.get(entry.record.id);
        update(entry, { volume1h: v?.volume1h ?? null, volume24h: v?.volume24h ?? null }, now);
      }
    }
    if (previous.fingerprint.seq !== fingerprint.seq) {
      for (const { itemId, ...legs } of await readLatestPrices(db, previous.fingerprint.seq)) {
        const entry = previous.byId.get(itemId);
        if (entry) update(entry, legs, now);
      }
    }
    const catalogue = { ...previous.catalogue, factsVersion: factsVersionOf(fingerprint) };
    cached = { ...previous, version, fingerprint, catalogue };
    return catalogue;
  };

  return {
    read() {
      // One refresh at a time: requests arriving during one share it.
      pending ??= refresh().finally(() => {
        pending = null;
      });
      return pending;
    },
  };
}

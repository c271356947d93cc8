// The joined catalogue, kept in memory between requests and rebuilt only after the store changed,
// so a search or sort over ~4,300 items never re-reads and re-joins every row.
import { computeFigures, type Figures } from '../../shared/domain/figures';
import {
  readCatalogue, readStoreVersion, type CatalogueRecord,
} from '../store/catalogue-query';
import type { Db } from '../store/db';

export interface CatalogueEntry {
  record: CatalogueRecord;
  /** Figures as of the last rebuild: for sorting only (rows shown are recomputed at request time). */
  figures: Figures;
}

export interface Catalogue {
  /** Items in the current /mapping, ordered by name. */
  listed: CatalogueEntry[];
  /** Every item the store knows, by id. */
  byId: ReadonlyMap<number, CatalogueEntry>;
}

export interface CatalogueCache {
  read(): Promise<Catalogue>;
}

function build(records: CatalogueRecord[], now: number): Catalogue {
  const entries = records.map((record) => ({
    record,
    figures: computeFigures({ ...record, itemId: record.id }, now, Number.POSITIVE_INFINITY),
  }));
  const listed = entries
    .filter((entry) => entry.record.inMapping)
    .sort((a, b) => compareNames(a.record, b.record));
  return { listed, byId: new Map(entries.map((entry) => [entry.record.id, entry])) };
}

export function compareNames(a: CatalogueRecord, b: CatalogueRecord): number {
  if (a.nameLower !== b.nameLower) return a.nameLower < b.nameLower ? -1 : 1;
  return a.id - b.id;
}

export function createCatalogueCache(db: Db, nowSeconds: () => number): CatalogueCache {
  let cached: { version: string; catalogue: Catalogue } | null = null;
  let pending: { version: string | null; promise: Promise<Catalogue> } | null = null;

  const rebuild = async (version: string | null): Promise<Catalogue> => {
    const catalogue = build(await readCatalogue(db), nowSeconds());
    if (version !== null) cached = { version, catalogue };
    return catalogue;
  };

  return {
    async read() {
      const version = await readStoreVersion(db);
      if (version !== null && cached?.version === version) return cached.catalogue;
      // Requests arriving during a rebuild share it instead of each starting their own.
      if (pending && pending.version === version && version !== null) return pending.promise;
      const promise = rebuild(version).finally(() => {
        if (pending?.promise === promise) pending = null;
      });
      pending = { version, promise };
      return promise;
    },
  };
}

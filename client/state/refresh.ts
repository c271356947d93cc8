// Brings the device up to date with the server: server facts, the catalogue when it is old, and
// the prices that changed since the stored cursor (or a full snapshot when the server says so),
// and the newest hour's averages when the server has another window.
import { formatEventId } from '../../shared/domain/event-id';
import type { Api } from '../api';
import { replaceCatalogue } from '../db/catalogue';
import { readMeta, writeMeta } from '../db/meta';
import { storeHourly } from '../db/hourly';
import { applyLatest } from '../db/prices';
import type { CatalogueItem, HourRecord, PriceRecord } from '../db/records';
import type { GeDb } from '../db/schema';

/** Names, limits and volumes change slowly; prices are refreshed on every pass. */
const CATALOGUE_MAX_AGE_MS = 10 * 60_000;

export interface RefreshTarget {
  db: GeDb;
  api: Api;
  setDemo(demo: boolean): void;
  /** The server's STALE_AFTER, in seconds. */
  setStaleAfter(seconds: number): void;
  setItems(items: CatalogueItem[]): void;
  /** Prices newer than those on screen. */
  showPrices(records: readonly PriceRecord[]): void;
  replacePrices(records: readonly PriceRecord[]): void;
  setPricesAt(at: number): void;
  /** Every item's bucket of a 1h window newer than the one on screen. */
  setHourly(records: readonly HourRecord[]): void;
}

async function refreshCatalogue(target: RefreshTarget): Promise<void> {
  const [{ items, etag }, storedTag] = await Promise.all([target.api.catalogue(), readMeta(target.db, 'catalogueTag')]);
  if (etag !== null && etag === storedTag) {
    // The browser revalidated it (a 304): what the device holds is current.
    await writeMeta(target.db, 'catalogueAt', Date.now());
    return;
  }
  await replaceCatalogue(target.db, items, Date.now(), etag);
  target.setItems(items);
}

async function refreshPrices(target: RefreshTarget, since: string | undefined): Promise<void> {
  const { full, records } = await applyLatest(target.db, await target.api.latestPrices(since));
  if (full) target.replacePrices(records);
  else target.showPrices(records);
  const at = Date.now();
  await writeMeta(target.db, 'pricesAt', at);
  target.setPricesAt(at);
}

/** The 1h averages: a 304 and no write while the server's newest window is the one held. */
export async function refreshHourly(target: Pick<RefreshTarget, 'db' | 'setHourly'> & { api: Pick<Api, 'hourly'> }): Promise<void> {
  const stored = await storeHourly(target.db, await target.api.hourly());
  if (stored) target.setHourly(stored);
}

export async function refreshFromServer(target: RefreshTarget): Promise<void> {
  const health = await target.api.health();
  target.setDemo(health.demo);
  target.setStaleAfter(health.staleAfterSeconds);
  await Promise.all([writeMeta(target.db, 'server', { demo: health.demo }), writeMeta(target.db, 'staleAfterSeconds', health.staleAfterSeconds)]);
  const [cursor, catalogueAt] = await Promise.all([readMeta(target.db, 'cursor'), readMeta(target.db, 'catalogueAt')]);
  const sameEpoch = cursor?.epoch === health.epoch;
  const catalogueOld = catalogueAt === undefined || Date.now() - catalogueAt > CATALOGUE_MAX_AGE_MS || !sameEpoch;
  await Promise.all([
    catalogueOld ? refreshCatalogue(target) : undefined,
    refreshPrices(target, cursor && sameEpoch ? formatEventId(cursor) : undefined),
    refreshHourly(target),
  ]);
}

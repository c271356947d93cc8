// The latest state of every item, in memory, so a client's catch-up can be computed in the same
// synchronous step that registers it (a database query would be async and let a live event slip
// between the two). Loaded from the store at start and kept current from the change feed.
import type { Cursor } from '../../shared/domain/event-id';
import type { CommittedChanges, PriceChange } from '../change-feed';
import type { Db } from '../store/db';
import { readLatestSnapshot } from '../store/latest-query';
import { encodeUpdateJson } from './stream-payloads';

export interface IndexedPrice extends PriceChange {
  /** Unix milliseconds of the commit that wrote this state. */
  changedAt: number;
}

/** An indexed price with its PriceUpdate JSON, encoded on first use and kept until it changes. */
interface Entry extends IndexedPrice {
  json?: string;
}

export interface PriceSnapshot {
  cursor: Cursor;
  prices: IndexedPrice[];
}

/** applied: in order; stale: already included (e.g. by a reload); gap: the index must reload. */
export type ApplyResult = 'applied' | 'stale' | 'gap';

export interface PriceIndex {
  cursor(): Cursor;
  has(itemId: number): boolean;
  replace(snapshot: PriceSnapshot): void;
  apply(committed: CommittedChanges): ApplyResult;
  /** Items changed after `since`, within `filter` (null: every item). */
  changedSince(since: number, filter: ReadonlySet<number> | null): IndexedPrice[];
  /** The same, as PriceUpdate JSON; each item's JSON is encoded once however many clients catch up. */
  updatesSince(since: number, filter: ReadonlySet<number> | null): string[];
}

export async function loadPriceSnapshot(db: Db): Promise<PriceSnapshot> {
  const { state, prices } = await readLatestSnapshot(db);
  return { cursor: state, prices: prices.map((p) => ({ ...p, changedAt: p.changedAt * 1000 })) };
}

export function createPriceIndex(initial: PriceSnapshot): PriceIndex {
  let cursor: Cursor = initial.cursor;
  let prices = new Map<number, Entry>();
  const replace = (snapshot: PriceSnapshot): void => {
    cursor = { ...snapshot.cursor };
    prices = new Map(snapshot.prices.map((p) => [p.itemId, { ...p }]));
  };
  replace(initial);

  return {
    cursor: () => cursor,
    has: (itemId) => prices.has(itemId),
    replace,
    apply(committed) {
      const result = classify(cursor, committed);
      if (result !== 'applied') return result;
      for (const change of committed.changes) prices.set(change.itemId, { ...change, changedAt: committed.committedAt });
      cursor = { epoch: committed.epoch, seq: committed.seq };
      return result;
    },
    changedSince: (since, filter) => changedSince(prices, since, filter),
    updatesSince: (since, filter) =>
      changedSince(prices, since, filter).map((p) => (p.json ??= encodeUpdateJson(p, new Date(p.changedAt).toISOString()))),
  };
}

function changedSince(prices: ReadonlyMap<number, Entry>, since: number, filter: ReadonlySet<number> | null): Entry[] {
  const out: Entry[] = [];
  if (filter !== null && filter.size < prices.size) {
    for (const id of filter) {
      const price = prices.get(id);
      if (price !== undefined && price.seq > since) out.push(price);
    }
  } else {
    for (const price of prices.values()) {
      if (price.seq > since && (filter === null || filter.has(price.itemId))) out.push(price);
    }
  }
  return out;
}

/**
 * A commit follows the index when its first change takes the very next seq. Anything else means
 * another writer (or a missed commit) got in between, and only the store knows what it wrote.
 */
function classify(cursor: Cursor, committed: CommittedChanges): ApplyResult {
  if (committed.epoch !== cursor.epoch) return 'gap';
  if (committed.seq < cursor.seq) return 'stale';
  let first = Infinity;
  let last = -Infinity;
  for (const change of committed.changes) {
    if (change.seq < first) first = change.seq;
    if (change.seq > last) last = change.seq;
  }
  if (committed.changes.length === 0) return committed.seq === cursor.seq ? 'applied' : 'gap';
  if (committed.seq === cursor.seq && last <= cursor.seq) return 'stale';
  return first === cursor.seq + 1 && last === committed.seq ? 'applied' : 'gap';
}

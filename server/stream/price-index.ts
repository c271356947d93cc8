// The latest state of every item, in memory, so a client's catch-up can be computed in the same
// synchronous step that registers it (a database query would be async and let a live event slip
// between the two). Loaded from the store at start and kept current from the change feed.
import type { Cursor } from '../../shared/domain/event-id';
import type { CommittedChanges, PriceChange } from '../change-feed';
import type { Db } from '../store/db';
import { readLatestSnapshot } from '../store/latest-query';
import { encodeUpdateJson } from './stream-payloads';
import { fullLegs, type CompactItem } from '../../shared/protocol/compact-prices';

export interface IndexedPrice extends PriceChange {
  /** Unix milliseconds of the commit that wrote this state. */
  changedAt: number;
}

/**
 * An indexed price with its PriceUpdate JSON, encoded on first use and kept until it changes, and
 * the seq at which each leg last changed (the item's seq when that is unknown: loaded from the
 * store), so the compact format can leave out a leg a client already holds.
 */
interface Entry extends IndexedPrice {
  json?: string;
  highSeq: number;
  lowSeq: number;
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
  /** The same for the compact format, ascending by id, with only the legs changed after `since`. */
  compactSince(since: number, filter: ReadonlySet<number> | null): CompactItem[];
  /** Unix milliseconds of the last commit applied (of the newest change, after a load). */
  changedAt(): number;
}

export async function loadPriceSnapshot(db: Db): Promise<PriceSnapshot> {
  const { state, prices } = await readLatestSnapshot(db);
  return { cursor: state, prices: prices.map((p) => ({ ...p, changedAt: p.changedAt * 1000 })) };
}

export function createPriceIndex(initial: PriceSnapshot): PriceIndex {
  let cursor: Cursor = initial.cursor;
  let prices = new Map<number, Entry>();
  let changedAt = 0;
  const replace = (snapshot: PriceSnapshot): void => {
    cursor = { ...snapshot.cursor };
    prices = new Map(snapshot.prices.map((p) => [p.itemId, { ...p, highSeq: p.seq, lowSeq: p.seq }]));
    changedAt = snapshot.prices.reduce((newest, p) => Math.max(newest, p.changedAt), 0);
  };
  replace(initial);

  return {
    cursor: () => cursor,
    has: (itemId) => prices.has(itemId),
    replace,
    apply(committed) {
      const result = classify(cursor, committed);
      if (result !== 'applied') return result;
      for (const change of committed.changes) {
        const held = prices.get(change.itemId);
        const highSeq = held && held.high === change.high && held.highTime === change.highTime ? held.highSeq : change.seq;
        const lowSeq = held && held.low === change.low && held.lowTime === change.lowTime ? held.lowSeq : change.seq;
        prices.set(change.itemId, { ...change, changedAt: committed.committedAt, highSeq, lowSeq });
      }
      cursor = { epoch: committed.epoch, seq: committed.seq };
      changedAt = committed.committedAt;
      return result;
    },
    changedSince: (since, filter) => changedSince(prices, since, filter),
    updatesSince: (since, filter) =>
      changedSince(prices, since, filter).map((p) => (p.json ??= encodeUpdateJson(p, new Date(p.changedAt).toISOString()))),
    compactSince: (since, filter) =>
      changedSince(prices, since, filter)
        .sort((a, b) => a.itemId - b.itemId)
        .map((p) => compactItem(p, since)),
    changedAt: () => changedAt,
  };
}

/** The legs changed after `since`; both when neither is known to (a change that moved no leg). */
function compactItem(p: Entry, since: number): CompactItem {
  const high = p.highSeq > since;
  const low = p.lowSeq > since;
  if (high === low) return fullLegs(p.itemId, p);
  return high ? { itemId: p.itemId, high: { price: p.high, time: p.highTime } } : { itemId: p.itemId, low: { price: p.low, time: p.lowTime } };
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

// Writes a /latest snapshot: diff against the stored prices, give every change the next global
// seq, and write the changes together with stream_state.seq in ONE transaction (or, for the sync's
// writer on PostgreSQL, one statement), so a reader (or a crash) never sees prices without their
// seq or a seq without its prices.
import { sql } from 'kysely';
import type { CommittedChanges, PriceChange } from '../change-feed';
import type { PriceLegs } from '../../shared/domain/price-legs';
import type { Db } from './db';
import { engineOf } from './engine';
import { diffLatest, type ItemLegs } from './price-diff';
import { insertHead, insertRows, POSTGRES_MAX_ROWS, unnestRows, type BulkTarget } from './bulk-insert';
import { readCatalogueIds } from './catalogue-query';
import { readLatestPrices } from './latest-query';
import { lockStreamState } from './stream-state';
import { fenceWrite, termAdmits } from './leader-term';

export interface IngestOptions {
  /** Unix milliseconds of the commit (tests pin it). */
  now?: number;
  /** Runs inside the open transaction just before it commits: a seam for crash tests. */
  beforeCommit?: () => Promise<void>;
  /** Cluster mode: the writing leader's term; the write is refused if the store has seen a newer one. */
  term?: number;
  /** More ids than this that neither the catalogue nor the stored prices know refuse the snapshot whole. */
  maxNewItems?: number;
}

/** A snapshot naming a flood of ids nobody knows: nothing of it is written. */
export class NewItemsRefusedError extends Error {
  constructor(readonly unknown: number, readonly limit: number) {
    super(`${unknown} ids are unknown to the catalogue and the store (more than ${limit})`);
    this.name = 'NewItemsRefusedError';
  }
}

/** One ingest that reads the stored prices first (what any writer without a memory of its own does). */
export async function ingestLatest(db: Db, snapshot: readonly ItemLegs[], options: IngestOptions = {}): Promise<CommittedChanges> {
  return (await ingestReadingStore(db, snapshot, options)).committed;
}

interface LastCommit {
  epoch: string;
  seq: number;
  term: number | undefined;
  /** Every item's legs as this commit left the store. */
  prices: Map<number, PriceLegs>;
}

async function ingestReadingStore(db: Db, snapshot: readonly ItemLegs[], options: IngestOptions): Promise<{ committed: CommittedChanges; last: LastCommit }> {
  const committedAt = options.now ?? Date.now();
  const changedAt = Math.floor(committedAt / 1000);
  const { committed, stored } = await db.transaction().execute(async (trx) => {
    // First, so the stored prices below are read after any ingest that held the lock has committed.
    const state = await lockStreamState(trx);
    if (options.term !== undefined) await fenceWrite(trx, options.term);
    const stored = new Map<number, PriceLegs>((await readLatestPrices(trx)).map((latest) => [latest.itemId, latest]));
    if (options.maxNewItems !== undefined) await refuseFlood(trx, snapshot, stored, options.maxNewItems);
    const changes = numberChanges(diffLatest(stored, snapshot), state.seq);
    const seq = state.seq + changes.length;
    await writeChanges(trx, changes, changedAt);
    if (changes.length > 0) await trx.updateTable('stream_state').set({ seq }).where('id', '=', 1).execute();
    await options.beforeCommit?.();
    return { committed: { epoch: state.epoch, seq, committedAt, changes }, stored };
  });
  for (const change of committed.changes) stored.set(change.itemId, change);
  return { committed, last: { epoch: committed.epoch, seq: committed.seq, term: options.term, prices: stored } };
}

export interface LatestWriter {
  ingest(snapshot: readonly ItemLegs[], options?: IngestOptions): Promise<CommittedChanges>;
}

/**
 * The sync's writer of /latest (one per sync, so one per leader term). On PostgreSQL it keeps the
 * prices of its own last commit and diffs the next snapshot against them instead of reading
 * ~4,200 rows back, sending the fence check, the upsert and the seq bump as one statement
 * (docs/decisions/0018-postgres-ingest.md). That memory is trusted only by the statement itself:
 * it writes only while the store's epoch, seq and term are still those of that commit, so nobody
 * has written since. Otherwise nothing is written and the ingest starts again from the store,
 * where a newer term is refused as always. SQLite (one process, one writer) always reads.
 */
export function createLatestWriter(db: Db): LatestWriter {
  const remembers = engineOf(db) === 'postgres';
  let last: LastCommit | undefined;
  return {
    async ingest(snapshot, options = {}) {
      // Forgotten until this ingest is known to have committed: after an error it may or may not have.
      const known = last;
      last = undefined;
      // The crash seam needs an open transaction to fail in, so it takes the reading path.
      if (known !== undefined && known.term === options.term && options.beforeCommit === undefined) {
        const committed = await ingestInOneStatement(db, known, snapshot, options);
        if (committed !== null) {
          last = known;
          return committed;
        }
      }
      const read = await ingestReadingStore(db, snapshot, options);
      if (remembers) last = read.last;
      return read.committed;
    },
  };
}

/**
 * The diff against `known`, written in one statement that applies only if the stream_state row
 * still holds `known`'s epoch and seq and the fence admits the term: the update of that row is
 * the gate the upsert reads, and a statement is atomic. Null when the gate was shut (nothing
 * written); `known` is brought up to the new commit when it was open.
 */
async function ingestInOneStatement(db: Db, known: LastCommit, snapshot: readonly ItemLegs[], options: IngestOptions): Promise<CommittedChanges | null> {
  if (options.maxNewItems !== undefined) await refuseFlood(db, snapshot, known.prices, options.maxNewItems);
  const changes = numberChanges(diffLatest(known.prices, snapshot), known.seq);
  if (changes.length > POSTGRES_MAX_ROWS) return null;
  const committedAt = options.now ?? Date.now();
  const seq = known.seq + changes.length;
  const fence = options.term === undefined ? sql<boolean>`true` : termAdmits(options.term);
  const { rows } = await sql<{ applied: number }>`
    with gate as (
      update stream_state set seq = ${seq}
      where id = 1 and epoch = ${known.epoch} and seq = ${known.seq} and ${fence}
      returning id
    ), written as (
      ${sql.raw(insertHead(LATEST))} ${unnestRows(LATEST, latestRows(changes, Math.floor(committedAt / 1000)))}
      where exists (select 1 from gate) ${sql.raw(UPSERT)}
    )
    select count(*)::int as applied from gate`.execute(db);
  if (Number(rows[0]?.applied ?? 0) === 0) return null;
  for (const change of changes) known.prices.set(change.itemId, change);
  known.seq = seq;
  return { epoch: known.epoch, seq, committedAt, changes };
}

/** Each change takes the next seq after `seq`, in the diff's (item) order. */
function numberChanges(changed: readonly ItemLegs[], seq: number): PriceChange[] {
  return changed.map((legs, i) => ({ ...legs, seq: seq + i + 1 }));
}

/** Ids new to the stored prices are few after the first sync; only past the limit is the catalogue asked. */
async function refuseFlood(db: Db, snapshot: readonly ItemLegs[], stored: ReadonlyMap<number, unknown>, limit: number): Promise<void> {
  const fresh = snapshot.filter((item) => !stored.has(item.itemId));
  if (fresh.length <= limit) return;
  const catalogue = await readCatalogueIds(db);
  const unknown = fresh.filter((item) => !catalogue.has(item.itemId)).length;
  if (unknown > limit) throw new NewItemsRefusedError(unknown, limit);
}

const LATEST: BulkTarget = {
  table: 'latest_prices',
  columns: [
    ['item_id', 'int4'], ['high', 'int8'], ['high_time', 'int8'], ['low', 'int8'], ['low_time', 'int8'], ['seq', 'int8'], ['changed_at', 'int8'],
  ],
  keyWidth: 1,
};

const UPSERT = `on conflict (item_id) do update set
  high = excluded.high, high_time = excluded.high_time, low = excluded.low, low_time = excluded.low_time,
  seq = excluded.seq, changed_at = excluded.changed_at`;

function latestRows(changes: readonly PriceChange[], changedAt: number): Array<readonly unknown[]> {
  return changes.map((c) => [c.itemId, c.high, c.highTime, c.low, c.lowTime, c.seq, changedAt]);
}

async function writeChanges(db: Db, changes: readonly PriceChange[], changedAt: number): Promise<void> {
  await insertRows(db, LATEST, latestRows(changes, changedAt), UPSERT);
}

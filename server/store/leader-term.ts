// The store's half of cluster mode's fencing: the newest sync-leader term it has seen, raised by
// each new leader and checked by every price write. Redis hands out the terms; this row decides.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './db';

/** A write from a term older than the store's newest: a deposed leader, rolled back. */
export class FencedWriteError extends Error {
  constructor(readonly term: number) {
    super(`the store has seen a newer leader than term ${term}; this write was refused`);
    this.name = 'FencedWriteError';
  }
}

/**
 * Raises the store's term to `term` unless it already holds a newer one; true when it holds
 * `term` afterwards. On PostgreSQL the update waits for the row lock an ingest holds, so once a
 * new leader has claimed, no write of an older term can still be in flight.
 */
export async function claimTerm(db: Db, term: number): Promise<boolean> {
  const result = await db.updateTable('stream_state').set({ term }).where('id', '=', 1).where(termAdmits(term)).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The fence as a condition on the stream_state row: true while the store has seen no term newer
 * than `term`. A single statement that writes only where this holds (server/store/price-writes.ts)
 * is fenced like a claim: on PostgreSQL its update of the row waits for a claim in flight and then
 * re-checks the condition on the row as that claim left it.
 */
export function termAdmits(term: number): RawBuilder<boolean> {
  return sql<boolean>`term <= ${term}`;
}

/** Inside a write transaction: refuse (throw, so it rolls back) when a newer term exists. */
export async function fenceWrite(trx: Db, term: number): Promise<void> {
  if (!(await claimTerm(trx, term))) throw new FencedWriteError(term);
}

export async function readTerm(db: Db): Promise<number> {
  const row = await db.selectFrom('stream_state').select('term').where('id', '=', 1).executeTakeFirst();
  return Number(row?.term ?? 0);
}

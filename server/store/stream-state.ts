// The store's epoch and the last seq given to a price change (one row, id = 1).
import { randomBytes } from 'node:crypto';
import type { Db } from './db';
import { engineOf } from './engine';

export interface StreamState {
  epoch: string;
  seq: number;
}

export function newEpoch(): string {
  return randomBytes(6).toString('base64url');
}

/** The store's epoch and last seq, creating the epoch the first time. */
export async function ensureStreamState(db: Db, now = Math.floor(Date.now() / 1000)): Promise<StreamState> {
  await db
    .insertInto('stream_state')
    .values({ id: 1, epoch: newEpoch(), seq: 0, created_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return readStreamState(db);
}

/** The stream state, or undefined before ensureStreamState made it. */
export async function findStreamState(db: Db): Promise<StreamState | undefined> {
  const row = await db.selectFrom('stream_state').select(['epoch', 'seq']).where('id', '=', 1).executeTakeFirst();
  return row === undefined ? undefined : { epoch: row.epoch, seq: Number(row.seq) };
}

export async function readStreamState(db: Db): Promise<StreamState> {
  return selectStreamState(db, false);
}

/**
 * The stream state, read by a transaction that will hand out seqs after it. On PostgreSQL the
 * row is locked (`for update`) until that transaction ends, so two instances ingesting at once
 * take turns instead of giving the same seq twice; a SQLite file has one writer at a time anyway.
 */
export async function lockStreamState(trx: Db): Promise<StreamState> {
  return selectStreamState(trx, engineOf(trx) === 'postgres');
}

async function selectStreamState(db: Db, forUpdate: boolean): Promise<StreamState> {
  let query = db.selectFrom('stream_state').select(['epoch', 'seq']).where('id', '=', 1);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new Error('stream_state is missing: call ensureStreamState first');
  return { epoch: row.epoch, seq: Number(row.seq) };
}

import { randomBytes } from 'node:crypto';
import type { Db } from './db';

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

export async function readStreamState(db: Db): Promise<StreamState> {
  const row = await db.selectFrom('stream_state').select(['epoch', 'seq']).where('id', '=', 1).executeTakeFirst();
  if (!row) throw new Error('stream_state is missing: call ensureStreamState first');
  return { epoch: row.epoch, seq: Number(row.seq) };
}

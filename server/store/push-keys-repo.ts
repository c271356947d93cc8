// The deployment's VAPID key pair when the config names none. Made once: every instance that finds
// none offers its own, the first insert wins, and all of them then read the one stored, so two
// instances starting together still sign with one pair.
import type { Db } from './db';

export interface StoredVapidKeys {
  publicKey: string;
  privateKey: string;
}

export async function ensureVapidKeys(db: Db, generate: () => StoredVapidKeys, now: number): Promise<StoredVapidKeys> {
  const read = () => db.selectFrom('push_keys').select(['public_key', 'private_key']).where('id', '=', 1).executeTakeFirst();
  let row = await read();
  if (row === undefined) {
    const offered = generate();
    await db
      .insertInto('push_keys')
      .values({ id: 1, public_key: offered.publicKey, private_key: offered.privateKey, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    row = await read();
  }
  if (row === undefined) throw new Error('the VAPID key pair could not be stored');
  return { publicKey: row.public_key, privateKey: row.private_key };
}

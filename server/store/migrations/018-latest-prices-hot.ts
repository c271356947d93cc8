import { type Kysely, sql } from 'kysely';
import type { Engine } from '../engine';

// PostgreSQL only: every /latest sync rewrites ~1,500 of latest_prices' ~4,200 rows. With an
// index on seq (which every change moves) none of those updates can be HOT, so each also inserted
// into both indexes: 21 ms of a 1,527-row upsert against 9 ms without it, and room left in each
// page (fillfactor 50) for the new row version (docs/decisions/0018-postgres-ingest.md). Readers
// asking for `seq > S` scan the table, a few hundred pages at most. SQLite rewrites its b-tree
// row in place either way and keeps the index.
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  await sql`drop index if exists latest_prices_seq`.execute(db);
  await sql`alter table latest_prices set (fillfactor = 50)`.execute(db);
}

export async function down(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  await sql`alter table latest_prices reset (fillfactor)`.execute(db);
  await sql`create index latest_prices_seq on latest_prices (seq)`.execute(db);
}

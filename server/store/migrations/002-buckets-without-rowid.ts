import { type Kysely, sql } from 'kysely';
import type { Engine } from '../engine';

// SQLite only: price_buckets becomes a WITHOUT ROWID table clustered on its primary key
// (item_id, timestep, timestamp). It is by far the biggest table; this drops the separate rowid
// b-tree, measured at 69 -> 47 bytes a row (bench/storage.bench.ts), and a chart's history read
// becomes one range scan. Same columns and names, so no query changes.
// See docs/decisions/0003-history-retention.md. PostgreSQL has no rowid (a heap table with its
// primary-key index): nothing to do there.
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine === 'sqlite') await rebuild(db, sql`without rowid`);
}

export async function down(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine === 'sqlite') await rebuild(db, sql``);
}

async function rebuild(db: Kysely<unknown>, options: ReturnType<typeof sql>): Promise<void> {
  await sql`create table price_buckets_next (
    item_id integer not null,
    timestep text not null,
    timestamp bigint not null,
    avg_high bigint,
    avg_low bigint,
    high_volume bigint not null,
    low_volume bigint not null,
    primary key (item_id, timestep, timestamp)
  ) ${options}`.execute(db);
  await sql`insert into price_buckets_next select item_id, timestep, timestamp, avg_high, avg_low, high_volume, low_volume from price_buckets`.execute(db);
  await sql`drop table price_buckets`.execute(db);
  await sql`alter table price_buckets_next rename to price_buckets`.execute(db);
  // Retention deletes by (timestep, timestamp).
  await sql`create index price_buckets_step_time on price_buckets (timestep, timestamp)`.execute(db);
}

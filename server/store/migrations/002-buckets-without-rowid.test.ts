import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationProvider } from '../db';
import type { Database } from '../schema';

let db: Kysely<Database>;
let migrator: Migrator;
beforeEach(() => {
  db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
  migrator = new Migrator({ db, provider: migrationProvider(db) });
});
afterEach(() => db.destroy());

const tableSql = async () =>
  (await sql<{ sql: string }>`select sql from sqlite_master where name = 'price_buckets'`.execute(db)).rows[0]?.sql ?? '';
const bucket = { item_id: 4151, timestep: '1h', timestamp: 1748239200, avg_high: 1718221, avg_low: null, high_volume: 42, low_volume: 0 };

describe('migration 002', () => {
  it('keeps every bucket of an existing store while clustering the table on its key, and can be undone', async () => {
    expect((await migrator.migrateTo('001-initial')).error).toBeUndefined();
    await db.insertInto('price_buckets').values(bucket).execute();

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await tableSql()).toMatch(/without rowid/i);
    expect(await db.selectFrom('price_buckets').selectAll().execute()).toEqual([bucket]);
    // Still an upsert target, and the pruning index is back.
    await db.insertInto('price_buckets').values({ ...bucket, high_volume: 43 })
      .onConflict((oc) => oc.columns(['item_id', 'timestep', 'timestamp']).doUpdateSet({ high_volume: 43 })).execute();
    const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'price_buckets'`.execute(db);
    expect(indexes.rows.map((r) => r.name)).toContain('price_buckets_step_time');

    expect((await migrator.migrateTo('001-initial')).error).toBeUndefined();
    expect(await tableSql()).not.toMatch(/without rowid/i);
    expect(await db.selectFrom('price_buckets').select('high_volume').execute()).toEqual([{ high_volume: 43 }]);
  });
});

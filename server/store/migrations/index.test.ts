// The same migrations on both engines: up over a store holding data, down and up again, and on
// PostgreSQL several instances starting together on one database.
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../../tests/helpers/store-engines';
import { migrationProvider, openDatabase } from '../db';
import { openPostgres } from '../postgres';
import type { Database } from '../schema';
import { migrationsFor } from './index';

const bucket = { item_id: 4151, timestep: '1h', timestamp: 1748239200, avg_high: 1718221, avg_low: null, high_volume: 42, low_volume: 0 };

describeEachEngine('migrations', (engine) => {
  it('run up over a store with data, down to the first and up again, keeping its buckets and numbers', async () => {
    const url = await engine.createDatabase();
    const db = engine.name === 'postgres'
      ? openPostgres(url)
      : new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    try {
      const migrator = new Migrator({ db, provider: migrationProvider(db) });
      expect((await migrator.migrateTo('001-initial')).error).toBeUndefined();
      await db.insertInto('price_buckets').values(bucket).execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect((await migrator.migrateTo('001-initial')).error).toBeUndefined();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      // bigint columns and counts read back as numbers on both engines.
      expect(await db.selectFrom('price_buckets').selectAll().execute()).toEqual([bucket]);
      const counted = await db.selectFrom('price_buckets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      expect(counted?.n).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  if (engine.name === 'postgres') {
    it('migrate once when several instances start on the same database together', async () => {
      const url = await engine.createDatabase();
      const stores = await Promise.all(Array.from({ length: 4 }, () => openDatabase(url)));
      try {
        const first = stores[0];
        if (!first) throw new Error('no store opened');
        const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(first.db);
        // Each migration exactly once, none missing, though four instances raced to apply them.
        expect(applied.rows.map((row) => row.name)).toEqual(Object.keys(migrationsFor('postgres')).sort());
      } finally {
        await Promise.all(stores.map((store) => store.close()));
      }
    });
  }
});

// Opens the store named by DATABASE_URL: the embedded SQLite file (the default) or a PostgreSQL
// server, and brings its schema up to date with the same migrations on both. SQLite transactions
// are run by a driver made here to keep the error that matters.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type MigrationProvider } from 'kysely';
import { describeError } from '../error-chain';
import { engineOf, engineOfUrl } from './engine';
import { migrationsFor } from './migrations/index';
import { openPostgres } from './postgres';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface OpenedDatabase {
  db: Db;
  close(): Promise<void>;
}

/** Opens the store named by `databaseUrl` (`sqlite:PATH`, `sqlite::memory:`, `postgres://…`) and runs migrations. */
export async function openDatabase(databaseUrl: string): Promise<OpenedDatabase> {
  const engine = engineOfUrl(databaseUrl);
  if (engine === null) {
    throw new Error(`unsupported DATABASE_URL "${databaseUrl}": expected sqlite:PATH, sqlite::memory: or postgres://…`);
  }
  const db = engine === 'postgres' ? openPostgres(databaseUrl) : openSqlite(databaseUrl.slice('sqlite:'.length));
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    close: () => db.destroy(),
  };
}

function openSqlite(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL: readers never block the sync's writer; NORMAL is durable across process crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return createDb(sqlite);
}

/**
 * SQLite rolls a transaction back by itself after some errors (SQLITE_FULL, IOERR, NOMEM, BUSY in
 * a statement without its own journal: https://www.sqlite.org/lang_transaction.html). kysely then
 * runs its own ROLLBACK, which fails with "cannot rollback - no transaction is active", and that
 * error replaces the one that said what went wrong. Roll back only a transaction still open.
 */
class StoreDriver extends SqliteDriver {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: sqlite });
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

class StoreDialect extends SqliteDialect {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new StoreDriver(this.sqlite);
  }
}

/** kysely over an open connection; every transaction of the store runs through it. */
export function createDb(sqlite: SQLite.Database): Db {
  return new Kysely<Database>({ dialect: new StoreDialect(sqlite) });
}

/** The migrations, each told which engine it runs on (kysely will not expose the dialect to a migration: kysely#1191). */
export function migrationProvider<DB>(db: Kysely<DB>): MigrationProvider {
  const migrations = migrationsFor(engineOf(db));
  return { getMigrations: async () => migrations };
}

/**
 * On PostgreSQL kysely's migrator takes a session advisory lock and runs the pending migrations
 * in one transaction, so instances starting together migrate once and never see half a schema.
 * SQLite has neither: one process owns the file, and its migrations stay small.
 */
export async function migrateToLatest(db: Db): Promise<void> {
  const { error } = await new Migrator({ db, provider: migrationProvider(db) }).migrateToLatest();
  // The message is all start-up prints: it must name the cause (a full disk, a read-only file).
  if (error) throw new Error(`database migration failed: ${describeError(error)}`, { cause: error });
}

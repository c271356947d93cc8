// Opens the store: one better-sqlite3 connection behind kysely, the pragmas it runs with, and the
// migrations. Transactions are run by kysely's driver, made here to keep the error that matters.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type MigrationProvider } from 'kysely';
import { describeError } from '../error-chain';
import { migrations } from './migrations/index';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface OpenedDatabase {
  db: Db;
  close(): Promise<void>;
}

/** Opens the store named by `databaseUrl` (`sqlite:PATH`, `sqlite::memory:`) and runs migrations. */
export async function openDatabase(databaseUrl: string): Promise<OpenedDatabase> {
  if (!databaseUrl.startsWith('sqlite:')) {
    throw new Error(`unsupported DATABASE_URL "${databaseUrl}": only sqlite: is built in so far`);
  }
  const path = databaseUrl.slice('sqlite:'.length);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL: readers never block the sync's writer; NORMAL is durable across process crashes in WAL mode.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = createDb(sqlite);
  await migrateToLatest(db);
  return {
    db,
    close: () => db.destroy(),
  };
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

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<void> {
  const { error } = await new Migrator({ db, provider }).migrateToLatest();
  // The message is all start-up prints: it must name the cause (a full disk, a read-only file).
  if (error) throw new Error(`database migration failed: ${describeError(error)}`, { cause: error });
}

// The engines every store test runs on: the embedded SQLite and PostgreSQL (see postgres-admin).
// On PostgreSQL a block works in databases of its own, created with random names and dropped
// when the block ends. Without a reachable server the PostgreSQL half is skipped, its title and
// a stderr line saying why; under CI=true that half fails instead.
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { openDatabase, type Db, type OpenedDatabase } from '../../server/store/db';
import type { Engine } from '../../server/store/engine';
import { createPostgresDatabase, dropPostgresDatabases, postgresUnavailable } from './postgres-admin';

const MUST_RUN = process.env.CI === 'true';

export interface EngineUnderTest {
  name: Engine;
  /** A new, empty database on this engine (SQLite: in memory); on PostgreSQL dropped when the block ends. */
  createDatabase(): Promise<string>;
}

// Asked once per test file, before its tests are collected, so a skip shows in the titles.
export const unavailable = await postgresUnavailable();
if (unavailable !== null && !MUST_RUN) console.warn(`skipping the PostgreSQL store tests: ${unavailable}`);

/** Runs `body` once per engine, as `title (sqlite)` and `title (postgres)`. */
export function describeEachEngine(title: string, body: (engine: EngineUnderTest) => void): void {
  describe(`${title} (sqlite)`, () => body({ name: 'sqlite', createDatabase: async () => 'sqlite::memory:' }));
  if (unavailable !== null && !MUST_RUN) {
    describe.skip(`${title} (postgres, skipped: ${unavailable})`, () => body(postgresEngine()));
    return;
  }
  describe(`${title} (postgres)`, () => {
    // Under CI=true an unreachable server fails here, once per block, instead of skipping.
    beforeAll(() => {
      if (unavailable !== null) throw new Error(`${unavailable} (CI=true: the PostgreSQL half must run)`);
    });
    body(postgresEngine());
  });
}

export function postgresEngine(): EngineUnderTest {
  const created: string[] = [];
  // Registered before the block's own hooks, so it runs after they have closed their stores.
  afterAll(() => dropPostgresDatabases(created.splice(0)));
  return {
    name: 'postgres',
    async createDatabase() {
      const { name, url } = await createPostgresDatabase('ge_test');
      created.push(name);
      return url;
    },
  };
}

// Every table the app writes, emptied between tests that share one PostgreSQL database.
const TABLES = ['items', 'latest_prices', 'stream_state', 'price_buckets', 'synced_windows', 'item_volumes', 'sync_state', 'push_subscriptions', 'push_keys'] as const;

/**
 * A migrated, empty store for each test of the block. SQLite: a fresh in-memory database per
 * test. PostgreSQL: one database per block (migrated once), every table emptied before each test.
 */
export function useStore(engine: EngineUnderTest): { readonly db: Db; readonly url: string } {
  let opened: OpenedDatabase | undefined;
  let url = 'sqlite::memory:';
  if (engine.name === 'postgres') {
    beforeAll(async () => {
      url = await engine.createDatabase();
      opened = await openDatabase(url);
    });
    beforeEach(async () => {
      for (const table of TABLES) await opened?.db.deleteFrom(table).execute();
    });
    afterAll(() => opened?.close());
  } else {
    beforeEach(async () => {
      opened = await openDatabase(await engine.createDatabase());
    });
    afterEach(() => opened?.close());
  }
  return {
    get db(): Db {
      if (!opened) throw new Error('the store is open only inside a test');
      return opened.db;
    },
    /** PostgreSQL: the block's database, for a second connection to it. */
    get url(): string {
      return url;
    },
  };
}

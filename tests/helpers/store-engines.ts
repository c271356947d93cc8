// The engines every store test runs on: the embedded SQLite and PostgreSQL (127.0.0.1:5432, or
// TEST_POSTGRES_URL). On PostgreSQL a block works in databases of its own, created with random
// names and dropped when the block ends. Without a reachable server the PostgreSQL half is
// skipped, its title and a stderr line saying why; under CI=true that half fails instead.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { openDatabase, type Db, type OpenedDatabase } from '../../server/store/db';
import type { Engine } from '../../server/store/engine';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MUST_RUN = process.env.CI === 'true';

export interface EngineUnderTest {
  name: Engine;
  /** A new, empty database on this engine (SQLite: in memory); on PostgreSQL dropped when the block ends. */
  createDatabase(): Promise<string>;
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Why PostgreSQL cannot be tested here, or null when it can. Asked once per test file. */
async function postgresUnavailable(): Promise<string | null> {
  try {
    await admin((client) => client.query('select 1'));
    return null;
  } catch (error) {
    return `PostgreSQL unreachable at ${ADMIN_URL}: ${error instanceof Error ? error.message || error.name : String(error)}`;
  }
}

/** Why PostgreSQL cannot be tested here, or null when it can. */
export const unavailable = await postgresUnavailable();
if (unavailable !== null && !MUST_RUN) console.warn(`skipping the PostgreSQL store tests: ${unavailable}`);

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

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
  // Registered before the block's own hooks, so it runs after they have closed their stores;
  // `force` ends any connection still open all the same.
  afterAll(async () => {
    if (created.length === 0) return;
    await admin(async (client) => {
      for (const name of created.splice(0)) await client.query(`drop database if exists "${name}" with (force)`);
    });
  });
  return {
    name: 'postgres',
    async createDatabase() {
      const name = `ge_test_${randomBytes(6).toString('hex')}`;
      await admin((client) => client.query(`create database "${name}"`));
      created.push(name);
      return databaseUrl(name);
    },
  };
}

// Every table the app writes, emptied between tests that share one PostgreSQL database.
const TABLES = ['items', 'latest_prices', 'stream_state', 'price_buckets', 'synced_windows', 'item_volumes', 'sync_state'] as const;

/**
 * A migrated, empty store for each test of the block. SQLite: a fresh in-memory database per
 * test. PostgreSQL: one database per block (migrated once), every table emptied before each test.
 */
export function useStore(engine: EngineUnderTest): { readonly db: Db } {
  let opened: OpenedDatabase | undefined;
  if (engine.name === 'postgres') {
    beforeAll(async () => {
      opened = await openDatabase(await engine.createDatabase());
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
  };
}

// Throwaway PostgreSQL databases for tests and benchmarks, on the server at 127.0.0.1:5432 with
// trust auth (or TEST_POSTGRES_URL, which names its maintenance database).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Why PostgreSQL cannot be used here, or null when it can. */
export async function postgresUnavailable(): Promise<string | null> {
  try {
    await admin((client) => client.query('select 1'));
    return null;
  } catch (error) {
    return `PostgreSQL unreachable at ${POSTGRES_ADMIN_URL}: ${error instanceof Error ? error.message || error.name : String(error)}`;
  }
}

/** Creates an empty database with a random name (`prefix_…`); returns its name and URL. */
export async function createPostgresDatabase(prefix: string): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`create database "${name}"`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/** Drops the databases; `force` ends any connection still open to them. */
export async function dropPostgresDatabases(names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await admin(async (client) => {
    for (const name of names) await client.query(`drop database if exists "${name}" with (force)`);
  });
}

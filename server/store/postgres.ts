// The PostgreSQL connection pool behind a `postgres://` DATABASE_URL.
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema';

// pg returns int8 (counts, bigint columns) and numeric (sums) as strings, to be safe past 2^53.
// Every such value here is a price, a volume, a time or a seq, far below 2^53: read them as numbers.
const INT8 = 20;
const NUMERIC = 1700;
const asNumber = (value: string): number => Number(value);

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? asNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function openPostgres(databaseUrl: string): Kysely<Database> {
  // Types are set per pool, not on pg's global registry, so nothing else in the process is changed.
  const pool = new pg.Pool({ connectionString: databaseUrl, types, max: 10 });
  // An idle connection the server drops (a restart, a failover) is removed from the pool and the
  // next query reports the failure where it is handled; without a listener pg's 'error' event
  // would end the process.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

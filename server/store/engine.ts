// Which SQL engine a store runs on. Most queries are portable; the few that are not (bulk
// writes, the store version, row locks) ask `engineOf` for the connection or transaction they
// were given, so repositories keep taking just the db.
import { PostgresAdapter, type Kysely } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** The engine named by a DATABASE_URL, or null when it names none we have. */
export function engineOfUrl(databaseUrl: string): Engine | null {
  if (/^sqlite:.+/.test(databaseUrl)) return 'sqlite';
  if (/^postgres(ql)?:\/\/.+/.test(databaseUrl)) return 'postgres';
  return null;
}

export function engineOf<DB>(db: Kysely<DB>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

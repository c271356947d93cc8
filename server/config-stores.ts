// Where the data lives: the store (DATABASE_URL) and, for several instances, Redis (REDIS_URL).
// Cluster mode needs a store every instance can share, so REDIS_URL requires PostgreSQL.
import { ConfigError, duration, int, str, type Env } from './config-values';

export interface ClusterConfig {
  redisUrl: string;
  /** Every Redis key starts with this (one deployment, or one test, per prefix). */
  prefix: string;
  /** The leader's lease; renewed every third of it. */
  leaseTtlMs: number;
  /** Names this instance in the lease; host, pid and a random suffix by default. */
  instanceId: string | undefined;
  /** The live log keeps about this many entries (XADD MAXLEN ~); catch-up never needs it. */
  logMaxLength: number;
}

export function databaseUrl(env: Env, demo: boolean): string {
  const fallback = demo ? 'sqlite:./data/demo.sqlite' : 'sqlite:./data/ge-tracker.sqlite';
  const raw = str(env, 'DATABASE_URL', fallback);
  if (/^sqlite:.+/.test(raw) || isPostgresUrl(raw)) return raw;
  throw new ConfigError(
    'DATABASE_URL',
    `expected sqlite:PATH, sqlite::memory: or postgres://USER@HOST[:PORT]/DATABASE, got "${redactPassword(raw)}"`,
  );
}

function isPostgresUrl(raw: string): boolean {
  if (!/^postgres(ql)?:\/\//.test(raw)) return false;
  try {
    // A host, or libpq's `?host=/socket/dir` for a Unix socket.
    const parsed = new URL(raw);
    return parsed.hostname !== '' || parsed.searchParams.has('host');
  } catch {
    return false;
  }
}

/** A start-up message must not print the database password. */
function redactPassword(raw: string): string {
  return raw.replace(/^(\w+:\/\/[^:/@]*:)[^@/]*@/, '$1***@');
}

export function clusterConfig(env: Env, databaseUrl: string): ClusterConfig | null {
  const redisUrl = str(env, 'REDIS_URL', '');
  if (redisUrl === '') return null;
  if (!/^rediss?:\/\/.+/.test(redisUrl)) {
    throw new ConfigError('REDIS_URL', `expected redis://HOST[:PORT][/DB] or rediss://…, got "${redactPassword(redisUrl)}"`);
  }
  if (!isPostgresUrl(databaseUrl)) {
    throw new ConfigError(
      'REDIS_URL',
      'several instances need one shared store: set DATABASE_URL to postgres://… (an SQLite file cannot be shared between instances)',
    );
  }
  const instanceId = str(env, 'INSTANCE_ID', '');
  return {
    redisUrl,
    prefix: str(env, 'REDIS_PREFIX', 'ge:'),
    leaseTtlMs: duration(env, 'CLUSTER_LEASE_TTL', '15s', 300),
    instanceId: instanceId === '' ? undefined : instanceId,
    logMaxLength: int(env, 'REDIS_LOG_MAXLEN', 10_000, 100, 10_000_000),
  };
}

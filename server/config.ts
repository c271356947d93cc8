// The only reader of process.env. Every key, its default and what it accepts is listed here and
// in .env.example; a bad value stops start-up with a message naming the key.
import { bool, ConfigError, duration, int, str, url, type Env } from './config-values';
import { clusterConfig, databaseUrl, type ClusterConfig } from './config-stores';
import { parseTrustProxy, type TrustProxy } from './trust-proxy';
import { pushConfig, type PushConfig } from './config-push';

export { ConfigError } from './config-values';
export type { ClusterConfig } from './config-stores';
export type { PushConfig } from './config-push';

export const DEFAULT_UPSTREAM_URL = 'https://prices.runescape.wiki/api/v1/osrs';
export const DEFAULT_USER_AGENT =
  'ge-tracker/0.1 (offline-first Grand Exchange price tracker; https://github.com/ge-tracker/ge-tracker)';

export interface Config {
  port: number;
  host: string;
  /** `sqlite:PATH` or `sqlite::memory:` (the embedded store), or `postgres://…` / `postgresql://…`. */
  databaseUrl: string;
  upstreamUrl: string;
  userAgent: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  demo: boolean;
  demoTickMs: number;
  staticDir: string;
  http: {
    /** A client must have sent its request headers within this long. */
    headersTimeoutMs: number;
    /** ... and its whole request (no route takes a body, so: its headers) within this long. */
    requestTimeoutMs: number;
  };
  metrics: {
    /** When set, /metrics needs `Authorization: Bearer <token>`. */
    token: string | undefined;
    /** When set, /metrics is served on this port (of HOST) too, by a listener of its own. */
    port: number | undefined;
  };
  /** Which hops in front of the server are the operator's proxies (see server/http/client-address.ts). */
  trustProxy: TrustProxy;
  sync: {
    enabled: boolean;
    /** Default 60s, or 5s in demo mode so the simulated market's moves show at once. */
    latestIntervalMs: number;
    mappingIntervalMs: number;
    /** How long after a 5m/1h boundary the window is fetched (the wiki publishes late). */
    windowDelayMs: number;
    /** At most this many missed windows per timestep are fetched back after downtime. */
    backfillMaxWindows: number;
    upstreamTimeoutMs: number;
    upstreamRetries: number;
    /** An upstream body larger than this is refused. */
    upstreamMaxBytes: number;
    /** The request budget: in flight, started per minute (retries count), on-demand calls queued. */
    upstreamBudget: { maxConcurrent: number; maxPerMinute: number; queueMax: number };
    /** A /latest naming more ids than this that neither the catalogue nor the store knows is refused. */
    maxNewItems: number;
    /** A /mapping that drops many known items is taken only once it has been seen for this long. */
    mappingShrinkAfterMs: number;
  };
  retention: {
    /** 0 keeps buckets forever. */
    fiveMinuteMs: number;
    oneHourMs: number;
    sixHourMs: number;
    dayMs: number;
  };
  /** A leg older than this is flagged stale. */
  staleAfterMs: number;
  /** Cluster mode (REDIS_URL set): several instances on one PostgreSQL store, one sync leader. */
  cluster: ClusterConfig | null;
  /** Web Push for price alerts (server/push/). */
  push: PushConfig;
  sse: {
    enabled: boolean;
    connectionTimeoutMs: number;
    heartbeatIntervalMs: number;
    maxClients: number;
    maxClientsPerIp: number;
    /** The `retry:` field sent to browsers. */
    retryMs: number;
    /** Cut a client whose unsent data exceeds this many bytes ... */
    slowClientMaxBytes: number;
    /** ... or that stays backed up for this long. */
    slowClientMaxMs: number;
  };
}


function trustProxy(env: Env): TrustProxy {
  const raw = str(env, 'TRUST_PROXY', 'false');
  const trust = parseTrustProxy(raw);
  if (trust === null) {
    throw new ConfigError(
      'TRUST_PROXY',
      `expected true or false, a number of proxies (0 to 100) or a comma list of proxy addresses or CIDR ranges, got "${raw}"`,
    );
  }
  return trust;
}

function httpTimeouts(env: Env): Config['http'] {
  const headersTimeoutMs = duration(env, 'HTTP_HEADERS_TIMEOUT', '10s', 100);
  const requestTimeoutMs = duration(env, 'HTTP_REQUEST_TIMEOUT', '30s', 100);
  // Node refuses a header deadline later than the request's, which includes the headers.
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError('HTTP_HEADERS_TIMEOUT', `must not be longer than HTTP_REQUEST_TIMEOUT (${requestTimeoutMs}ms), got ${headersTimeoutMs}ms`);
  }
  return { headersTimeoutMs, requestTimeoutMs };
}


const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env, argv: readonly string[] = []): Config {
  const demo = argv.includes('--demo') || bool(env, 'DEMO', false);
  const logLevel = str(env, 'LOG_LEVEL', 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const database = databaseUrl(env, demo);
  return {
    port: int(env, 'PORT', 8080, 0, 65535),
    host: str(env, 'HOST', '0.0.0.0'),
    databaseUrl: database,
    upstreamUrl: url(env, 'UPSTREAM_URL', DEFAULT_UPSTREAM_URL),
    userAgent: str(env, 'USER_AGENT', DEFAULT_USER_AGENT),
    logLevel: logLevel as Config['logLevel'],
    demo,
    demoTickMs: duration(env, 'DEMO_TICK', '5s', 100),
    staticDir: str(env, 'STATIC_DIR', './dist'),
    http: httpTimeouts(env),
    metrics: {
      token: env.METRICS_TOKEN?.trim() || undefined,
      port: env.METRICS_PORT?.trim() ? int(env, 'METRICS_PORT', 0, 0, 65535) : undefined,
    },
    trustProxy: trustProxy(env),
    sync: {
      enabled: bool(env, 'SYNC_ENABLED', true),
      latestIntervalMs: duration(env, 'SYNC_LATEST_INTERVAL', demo ? '5s' : '60s', 100),
      mappingIntervalMs: duration(env, 'SYNC_MAPPING_INTERVAL', '24h', 1000),
      windowDelayMs: duration(env, 'SYNC_WINDOW_DELAY', '90s'),
      backfillMaxWindows: int(env, 'SYNC_BACKFILL_MAX_WINDOWS', 24, 0, 10_000),
      upstreamTimeoutMs: duration(env, 'UPSTREAM_TIMEOUT', '10s', 10),
      upstreamRetries: int(env, 'UPSTREAM_RETRIES', 3, 0, 10),
      upstreamMaxBytes: int(env, 'UPSTREAM_MAX_BYTES', 8_388_608, 65_536, 1 << 30),
      upstreamBudget: {
        maxConcurrent: int(env, 'UPSTREAM_MAX_CONCURRENT', 4, 1, 1000),
        maxPerMinute: int(env, 'UPSTREAM_MAX_PER_MINUTE', 120, 1, 1_000_000),
        queueMax: int(env, 'UPSTREAM_QUEUE_MAX', 100, 0, 1_000_000),
      },
      maxNewItems: int(env, 'SYNC_MAX_NEW_ITEMS', 1000, 0, 1_000_000),
      mappingShrinkAfterMs: duration(env, 'SYNC_MAPPING_SHRINK_AFTER', '24h'),
    },
    retention: {
      fiveMinuteMs: duration(env, 'RETENTION_5M', '2d'),
      oneHourMs: duration(env, 'RETENTION_1H', '30d'),
      sixHourMs: duration(env, 'RETENTION_6H', '365d'),
      dayMs: duration(env, 'RETENTION_24H', '0'),
    },
    staleAfterMs: duration(env, 'STALE_AFTER', '1h', 1000),
    cluster: clusterConfig(env, database),
    push: pushConfig(env),
    sse: {
      enabled: bool(env, 'SSE_ENABLED', true),
      connectionTimeoutMs: duration(env, 'SSE_CONNECTION_TIMEOUT', '30m', 100),
      heartbeatIntervalMs: duration(env, 'SSE_HEARTBEAT_INTERVAL', '30s', 100),
      maxClients: int(env, 'SSE_MAX_CLIENTS', 100, 0, 1_000_000),
      maxClientsPerIp: int(env, 'SSE_MAX_CLIENTS_PER_IP', 10, 0, 1_000_000),
      retryMs: duration(env, 'SSE_RETRY', '3s', 100),
      slowClientMaxBytes: int(env, 'SSE_SLOW_CLIENT_MAX_BYTES', 1_048_576, 1024, 1 << 30),
      slowClientMaxMs: duration(env, 'SSE_SLOW_CLIENT_MAX_WAIT', '30s', 100),
    },
  };
}

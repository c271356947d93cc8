// Opens one ioredis connection for one job in cluster mode. Each job has its own: a blocking
// XREAD holds its connection (ioredis#1285), and the lease must not queue behind anything.
import { Redis } from 'ioredis';
import type { Logger } from '../logger';

export interface RedisOptions {
  /** A command not answered within this fails instead of waiting for a reconnect. */
  commandTimeoutMs: number;
  logger: Logger;
}

export function openRedis(url: string, name: string, options: RedisOptions): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    lazyConnect: false,
    // Fail fast while disconnected: the lease must know at once that it cannot renew.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: Math.max(500, options.commandTimeoutMs),
    retryStrategy: (attempt) => Math.min(100 * attempt, 1000),
  });
  let down = false;
  redis.on('error', (err: Error) => {
    if (down) return;
    down = true;
    options.logger.warn({ err: err.message, connection: name }, 'Redis connection lost');
  });
  redis.on('ready', () => {
    if (down) options.logger.info({ connection: name }, 'Redis connection back');
    down = false;
  });
  return redis;
}

/** Closes without waiting for Redis to answer (it may be the thing that is gone). */
export function closeRedis(redis: Redis): void {
  redis.disconnect(false);
}

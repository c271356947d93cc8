// The leader's side of the live log. The sync of one term announces its commits here; each is
// XADDed (MAXLEN ~) by a script that first checks the lease is still this term's, so a deposed
// leader's announcement never reaches the log, and that keeps `prefix:meta` (epoch, top seq) for
// readers' continuity checks. Commits are sent one at a time, in commit order. A commit whose
// announcement is lost (Redis down) is not retried: readers find the gap and reload from the store.
import type { Redis } from 'ioredis';
import { createChangeFeed, type ChangeFeed } from '../change-feed';
import type { Logger } from '../logger';
import type { StreamState } from '../store/stream-state';
import { encodeHistory, encodePrices } from './log-entry';

// KEYS: leader, log, meta. ARGV: token, epoch, seq ('' for history: the top seq), maxlen, kind, data.
const PUBLISH = `
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
local epoch = redis.call('hget', KEYS[3], 'epoch')
if ARGV[5] == 'prices' and epoch and epoch ~= ARGV[2] then redis.call('del', KEYS[2]) end
local seq = ARGV[3]
if seq == '' then seq = redis.call('hget', KEYS[3], 'seq') or '0' end
redis.call('xadd', KEYS[2], 'MAXLEN', '~', ARGV[4], seq .. '-*', 'kind', ARGV[5], 'epoch', ARGV[2], 'data', ARGV[6])
if ARGV[5] == 'prices' then redis.call('hset', KEYS[3], 'epoch', ARGV[2], 'seq', seq) end
return 1`;

// A new leader's first word: the store's head, unless the meta already shows it (or later).
const SEED = `
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
local epoch = redis.call('hget', KEYS[3], 'epoch')
local seq = tonumber(redis.call('hget', KEYS[3], 'seq') or '-1')
if epoch ~= ARGV[2] then redis.call('del', KEYS[2]) elseif seq >= tonumber(ARGV[3]) then return 1 end
redis.call('hset', KEYS[3], 'epoch', ARGV[2], 'seq', ARGV[3])
return 1`;

export interface LogPublisherDeps {
  redis: Redis;
  prefix: string;
  /** `<instance>:<term>`: the lease value this term holds. */
  token: string;
  maxLength: number;
  logger: Logger;
  /** Unix ms: each announcement's stamp, taken just after the commit it announces returned. */
  now: () => number;
}

export interface LogPublisher {
  /** What the term's sync announces through. */
  feed: ChangeFeed;
  /** Sets the meta to the store's head, so readers that missed commits (or a reset Redis) catch up. */
  seed(head: StreamState): Promise<void>;
  /** Resolves when every announcement so far has been sent or given up. */
  idle(): Promise<void>;
}

export function createLogPublisher(deps: LogPublisherDeps): LogPublisher {
  const { redis, logger } = deps;
  const keys = [`${deps.prefix}leader`, `${deps.prefix}log`, `${deps.prefix}meta`];
  let chain: Promise<void> = Promise.resolve();
  const run = (script: string, args: Array<string | number>, what: string): Promise<void> => {
    chain = chain.then(async () => {
      try {
        const sent = await redis.eval(script, 3, ...keys, deps.token, ...args);
        if (sent !== 1) logger.warn({ what }, 'not announced: the lease is no longer this term\'s');
      } catch (err) {
        logger.warn({ err: err instanceof Error ? err.message : String(err), what }, 'announcing to the live log failed');
      }
    });
    return chain;
  };
  let epoch = '';
  const feed = createChangeFeed();
  feed.publish = (committed) => {
    epoch = committed.epoch;
    void run(PUBLISH, [committed.epoch, committed.seq, deps.maxLength, 'prices', encodePrices(committed, deps.now())], `prices to ${committed.seq}`);
  };
  feed.publishWindow = (window) => {
    // A history entry sits at the top seq and never moves the meta.
    void run(PUBLISH, [epoch, '', deps.maxLength, 'history', encodeHistory(window)], `${window.timestep} window`);
  };
  return {
    feed,
    seed: (head) => {
      epoch = head.epoch;
      return run(SEED, [head.epoch, head.seq], 'the store head');
    },
    idle: () => chain,
  };
}

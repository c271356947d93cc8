// Every instance's side of the live log, the leader's included: XREAD BLOCK on a connection of
// its own, each entry handed to the in-process feed the stream service listens to (which applies
// it in seq order, or reloads from the store on a gap or a new epoch). At least once a block it
// also reads `prefix:meta`: a top seq above what was read means entries were lost (trimmed, or
// Redis restarted empty: XREAD from an old id can then wait for ever), so the feed is told the
// head and the stream service reloads.
import type { Redis } from 'ioredis';
import type { ChangeFeed } from '../change-feed';
import type { Logger } from '../logger';
import type { StreamState } from '../store/stream-state';
import { decodeEntry } from './log-entry';

export interface LogReaderDeps {
  redis: Redis;
  prefix: string;
  blockMs: number;
  /** Where entries go: the feed the stream service subscribed to. */
  local: ChangeFeed;
  /** The store's head when the instance started: entries up to it are already known. */
  start: StreamState;
  logger: Logger;
  now: () => number;
}

export interface LogReaderStatus {
  /** The newest seq the leader has announced (meta or entries), as far as this reader knows. */
  leaderSeq: number;
  /** The newest seq handed to this instance's stream. */
  seq: number;
  /** Unix ms of the last answer from Redis; 0 before the first. */
  lastReadAt: number;
  /** Milliseconds from the leader's commit to this reader handing it on, for the last entry. */
  delayMs: number;
  error: string | null;
}

export interface LogReader {
  start(): void;
  status(): LogReaderStatus;
  stop(): Promise<void>;
}

type XReadReply = Array<[string, Array<[string, string[]]>]> | null;

export function createLogReader(deps: LogReaderDeps): LogReader {
  const { redis, local, logger, now } = deps;
  const logKey = `${deps.prefix}log`;
  const metaKey = `${deps.prefix}meta`;
  let lastId = `${deps.start.seq}-0`;
  let epoch = deps.start.epoch;
  const status: LogReaderStatus = { leaderSeq: deps.start.seq, seq: deps.start.seq, lastReadAt: 0, delayMs: 0, error: null };
  let metaCheckedAt = 0;
  let stopped = false;
  let loop: Promise<void> = Promise.resolve();

  const checkMeta = async (): Promise<void> => {
    metaCheckedAt = now();
    const [metaEpoch, metaSeq] = await redis.hmget(metaKey, 'epoch', 'seq');
    if (metaEpoch == null || metaSeq == null) return;
    const seq = Number(metaSeq);
    status.leaderSeq = metaEpoch === epoch ? Math.max(status.leaderSeq, seq) : seq;
    if (metaEpoch === epoch && seq <= status.seq) return;
    if (metaEpoch !== epoch) lastId = '0-0';
    logger.warn({ epoch: metaEpoch, seq, read: status.seq }, 'the live log is ahead of what was read; reloading from the store');
    epoch = metaEpoch;
    status.seq = seq;
    local.publishHead({ epoch: metaEpoch, seq });
  };

  const read = async (): Promise<void> => {
    const reply = (await redis.xread('BLOCK', deps.blockMs, 'STREAMS', logKey, lastId)) as XReadReply;
    status.lastReadAt = now();
    status.error = null;
    for (const [, entries] of reply ?? []) {
      for (const [id, fields] of entries) {
        lastId = id;
        const entry = decodeEntry(fields);
        if (entry === null) logger.warn({ id }, 'unreadable live log entry skipped');
        else if (entry.kind === 'history') local.publishWindow(entry.window);
        else {
          const { committed } = entry;
          epoch = committed.epoch;
          status.seq = committed.seq;
          status.leaderSeq = Math.max(status.leaderSeq, committed.seq);
          status.delayMs = Math.max(0, now() - entry.sentAt);
          local.publish(committed);
        }
      }
    }
    if (reply === null || now() - metaCheckedAt >= deps.blockMs) await checkMeta();
  };

  const run = async (): Promise<void> => {
    let failures = 0;
    while (!stopped) {
      try {
        await read();
        failures = 0;
      } catch (err) {
        if (stopped) return;
        status.error = err instanceof Error ? err.message : String(err);
        failures += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * failures, 1000)));
      }
    }
  };

  return {
    start() {
      loop = run();
    },
    status: () => ({ ...status }),
    async stop() {
      stopped = true;
      // Breaks the blocked XREAD; the loop sees `stopped` and ends.
      redis.disconnect(false);
      await loop;
    },
  };
}

// Runs the store's /timeseries backfill for a history request: at most one call in flight per
// (item, timestep), no repeat within a retry interval, and a bounded wait so a slow or dead
// upstream never holds a chart request for the length of every retry.
import type { Timestep } from '../../shared/domain/timestep';
import type { Logger } from '../logger';
import type { HistoryBackfill } from '../sync/sync-service';
import { retryAfterSeconds } from './history-coverage';

/** Where a history answer came from, sent as the X-History-Source header. */
export type HistorySource = 'stored' | 'backfilled' | 'stored; upstream unavailable';

export interface BackfillGate {
  /** Backfills unless tried recently; says what the answer that follows will be made of. */
  run(itemId: number, timestep: Timestep): Promise<HistorySource>;
}

export interface BackfillGateOptions {
  backfill: HistoryBackfill;
  waitMs: number;
  logger: Logger;
  nowSeconds: () => number;
}

const MAX_REMEMBERED = 10_000;

export function createBackfillGate(options: BackfillGateOptions): BackfillGate {
  const inFlight = new Map<string, Promise<boolean>>();
  const lastAttempt = new Map<string, { at: number; ok: boolean }>();

  const remember = (key: string, ok: boolean): void => {
    lastAttempt.delete(key);
    lastAttempt.set(key, { at: options.nowSeconds(), ok });
    if (lastAttempt.size > MAX_REMEMBERED) {
      const oldest = lastAttempt.keys().next().value;
      if (oldest !== undefined) lastAttempt.delete(oldest);
    }
  };

  const start = (key: string, itemId: number, timestep: Timestep): Promise<boolean> => {
    const attempt = options.backfill(itemId, timestep).then(
      () => true,
      (err: unknown) => {
        // Handled: the caller answers with the stored buckets and says upstream is unavailable.
        options.logger.warn({ err, itemId, timestep }, 'history backfill failed');
        return false;
      },
    );
    const settled = attempt.then((ok) => {
      remember(key, ok);
      inFlight.delete(key);
      return ok;
    });
    inFlight.set(key, settled);
    return settled;
  };

  return {
    async run(itemId, timestep) {
      const key = `${itemId}:${timestep}`;
      const previous = lastAttempt.get(key);
      if (previous && options.nowSeconds() - previous.at < retryAfterSeconds(timestep, previous.ok)) {
        return previous.ok ? 'stored' : 'stored; upstream unavailable';
      }
      const settled = inFlight.get(key) ?? start(key, itemId, timestep);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), options.waitMs);
        timer.unref();
      });
      const outcome = await Promise.race([settled, timedOut]);
      clearTimeout(timer);
      return outcome === true ? 'backfilled' : 'stored; upstream unavailable';
    },
  };
}

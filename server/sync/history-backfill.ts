// /timeseries on demand: history the store lacks for one item and timestep (6h and 24h before the
// server's own rollups reach back, or anything after a cold start). Concurrent requests for the
// same (item, step) share one fetch, and a key is not fetched again within a step-dependent TTL,
// so a chart opened by many users costs the wiki one call.
import type { Logger } from '../logger';
import type { Db } from '../store/db';
import { bucketSpan, rollupHourly, upsertBuckets, type BucketInput } from '../store/buckets-repo';
import type { WikiClient } from '../upstream/wiki-client';
import { TIMESTEP_SECONDS, type Timestep } from '../../shared/domain/timestep';

/** The wiki's history could not be fetched; what the store holds is all there is for now. */
export class HistoryUnavailableError extends Error {
  constructor(
    readonly itemId: number,
    readonly timestep: Timestep,
    options: { cause: unknown },
  ) {
    super(`history for item ${itemId} (${timestep}) could not be fetched from the wiki`, options);
    this.name = 'HistoryUnavailableError';
  }
}

export interface HistoryBackfillDeps {
  db: Db;
  client: WikiClient;
  logger: Logger;
  now: () => number;
  /** Seconds of history kept per timestep (0: forever); older points are not written. */
  retentionSeconds: Record<Timestep, number>;
  /** Wraps each fetch so it is recorded like the other jobs. */
  record: (work: () => Promise<void>) => Promise<void>;
  /** How long a failure is remembered before the wiki is asked again. */
  failureCooldownMs?: number;
}

/** The wiki's /timeseries returns up to 365 points (300 in the past). */
const TIMESERIES_POINTS = 300;

/** 12 steps, kept between an hour and a day: 5m -> 1h, 1h -> 12h, 6h and 24h -> 24h. */
export function refetchAfterMs(timestep: Timestep): number {
  return Math.min(86_400_000, Math.max(3_600_000, 12 * TIMESTEP_SECONDS[timestep] * 1000));
}

export function createHistoryBackfill(deps: HistoryBackfillDeps): (itemId: number, timestep: Timestep) => Promise<void> {
  const inFlight = new Map<string, Promise<void>>();
  const fetchedAt = new Map<string, number>();
  const failures = new Map<string, { at: number; error: HistoryUnavailableError }>();
  const cooldown = deps.failureCooldownMs ?? 60_000;

  async function covered(itemId: number, timestep: Timestep): Promise<boolean> {
    const size = TIMESTEP_SECONDS[timestep];
    const span = await bucketSpan(deps.db, itemId, timestep);
    const now = Math.floor(deps.now() / 1000);
    const keep = deps.retentionSeconds[timestep];
    const wantedFrom = Math.max(now - TIMESERIES_POINTS * size, keep > 0 ? now - keep : 0);
    return span.oldest !== null && span.newest !== null && span.oldest <= wantedFrom + size && span.newest >= now - 3 * size;
  }

  async function fetchAndStore(itemId: number, timestep: Timestep): Promise<void> {
    const series = await deps.client.timeseries(itemId, timestep);
    const keep = deps.retentionSeconds[timestep];
    const cutoff = keep > 0 ? Math.floor(deps.now() / 1000) - keep : 0;
    const buckets: BucketInput[] = series.data
      .filter((p) => p.timestamp >= cutoff)
      .map((p) => ({
        itemId,
        timestamp: p.timestamp,
        avgHigh: p.avgHighPrice,
        avgLow: p.avgLowPrice,
        highVolume: p.highPriceVolume,
        lowVolume: p.lowPriceVolume,
      }));
    const first = buckets[0];
    const last = buckets[buckets.length - 1];
    await deps.db.transaction().execute(async (trx) => {
      await upsertBuckets(trx, timestep, buckets);
      if (timestep === '1h' && first && last) {
        await rollupHourly(trx, '6h', first.timestamp, last.timestamp + 3600, itemId);
        await rollupHourly(trx, '24h', first.timestamp, last.timestamp + 3600, itemId);
      }
    });
    deps.logger.debug({ itemId, timestep, points: buckets.length }, 'history backfilled');
  }

  async function backfill(key: string, itemId: number, timestep: Timestep): Promise<void> {
    if (await covered(itemId, timestep)) return;
    try {
      await deps.record(() => fetchAndStore(itemId, timestep));
    } catch (cause) {
      const error = new HistoryUnavailableError(itemId, timestep, { cause });
      failures.set(key, { at: deps.now(), error });
      throw error;
    }
    fetchedAt.set(key, deps.now());
    failures.delete(key);
  }

  return async (itemId, timestep) => {
    const key = `${itemId}:${timestep}`;
    const pending = inFlight.get(key);
    if (pending) return pending;
    const failed = failures.get(key);
    if (failed && deps.now() - failed.at < cooldown) throw failed.error;
    const last = fetchedAt.get(key);
    if (last !== undefined && deps.now() - last < refetchAfterMs(timestep)) return;
    const promise = backfill(key, itemId, timestep).finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  };
}

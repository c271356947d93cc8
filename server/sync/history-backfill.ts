// When the wiki's /timeseries is asked, for history the store lacks for one item and timestep (6h
// and 24h before the server's own rollups reach back, or anything after a cold start). The one
// owner of that decision: the coverage rule, one fetch in flight per (item, step) shared by every
// caller, and a memory of recent fetches and failures, so a chart opened by many users costs the
// wiki one call and a dead wiki is not asked again on every request. A call the request budget
// refused (its queue full) is remembered only as long as the budget says, and that is the
// Retry-After a chart answered from the store is given.
import type { Logger } from '../logger';
import type { BucketRange } from '../store/history-query';
import { TIMESERIES_POINTS_ASSURED } from '../upstream/schemas';
import { UpstreamError } from '../upstream/upstream-error';
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

/** Where a history answer came from, sent as the X-History-Source header. */
export type HistorySource = 'stored' | 'backfilled' | 'stored; upstream unavailable';

export interface HistoryBackfill {
  /** Fetches what the store lacks; rejects with HistoryUnavailableError when the wiki can't be reached. */
  backfill(itemId: number, timestep: Timestep): Promise<void>;
  /**
   * The same for a request that must not wait for every retry: after `waitMs` it gives up waiting
   * (the fetch goes on, and later requests join it). Says what the answer that follows is made of.
   */
  backfillWithin(itemId: number, timestep: Timestep, waitMs: number): Promise<HistorySource>;
  /** How long until the wiki may be asked again after a failure still remembered; undefined if none. */
  retryAfterMs(itemId: number, timestep: Timestep): number | undefined;
}

export interface HistoryBackfillDeps {
  /** How much history of one timestep the store holds for an item. */
  readRange: (itemId: number, timestep: Timestep) => Promise<BucketRange>;
  /** Fetches the item's /timeseries and stores it. */
  fetchSeries: (itemId: number, timestep: Timestep) => Promise<void>;
  /** Seconds of history kept per timestep (Infinity: forever), as retentionSeconds gives them. */
  retentionSeconds: Record<Timestep, number>;
  logger: Logger;
  /** Unix milliseconds. */
  now: () => number;
}

/** How long a failure is remembered before the wiki is asked again. */
export const FAILURE_COOLDOWN_MS = 60_000;
const MAX_REMEMBERED = 10_000;

/**
 * True when the stored buckets cover less than half of what one /timeseries call would give
 * (within retention), or the newest is well behind now. Half, not all: the wiki omits buckets with
 * no trades, so a quiet or newly released item never fills the whole span; the memory of recent
 * fetches keeps such an item to one upstream call per interval.
 */
export function lacksHistory(range: BucketRange, timestep: Timestep, nowSeconds: number, retention: number): boolean {
  if (range.oldest === null || range.newest === null) return true;
  const step = TIMESTEP_SECONDS[timestep];
  const span = Math.min(TIMESERIES_POINTS_ASSURED * step, retention);
  if (range.oldest > nowSeconds - span / 2) return true;
  return range.newest < nowSeconds - Math.max(3 * step, 3600);
}

/** After a fetch, 12 steps before asking again, kept between an hour and a day: 5m -> 1h, 1h -> 12h, 6h and 24h -> 24h. */
export function refetchAfterMs(timestep: Timestep): number {
  return Math.min(86_400_000, Math.max(3_600_000, 12 * TIMESTEP_SECONDS[timestep] * 1000));
}

type Outcome = { ok: true } | { ok: false; error: HistoryUnavailableError; cooldownMs: number };

/** A refusal by the request budget lasts as long as its estimate; a failure of the wiki, the cooldown. */
function cooldownOf(cause: unknown): number {
  const refused = cause instanceof UpstreamError && cause.failure === 'over-budget' ? cause.retryAfterMs : undefined;
  return refused ?? FAILURE_COOLDOWN_MS;
}

export function createHistoryBackfill(deps: HistoryBackfillDeps): HistoryBackfill {
  const inFlight = new Map<string, Promise<Outcome>>();
  const remembered = new Map<string, { at: number; outcome: Outcome }>();

  const remember = (key: string, outcome: Outcome): void => {
    remembered.delete(key);
    remembered.set(key, { at: deps.now(), outcome });
    if (remembered.size > MAX_REMEMBERED) {
      const oldest = remembered.keys().next().value;
      if (oldest !== undefined) remembered.delete(oldest);
    }
  };

  const start = (key: string, itemId: number, timestep: Timestep): Promise<Outcome> => {
    const settled = deps
      .fetchSeries(itemId, timestep)
      .then(
        (): Outcome => ({ ok: true }),
        (cause: unknown): Outcome => {
          // Handled: callers answer from the store, or get the typed error, until the cooldown ends.
          deps.logger.warn({ err: cause, itemId, timestep }, 'history backfill failed');
          return { ok: false, error: new HistoryUnavailableError(itemId, timestep, { cause }), cooldownMs: cooldownOf(cause) };
        },
      )
      .then((outcome) => {
        remember(key, outcome);
        inFlight.delete(key);
        return outcome;
      });
    inFlight.set(key, settled);
    return settled;
  };

  // null: nothing to fetch (the store is enough, or a fetch just succeeded); otherwise the fetch to
  // wait for: the one running (joined before anything is awaited), a failure still remembered, or a new one.
  async function decide(itemId: number, timestep: Timestep): Promise<{ settled: Promise<Outcome> } | null> {
    const key = `${itemId}:${timestep}`;
    const running = inFlight.get(key);
    if (running) return { settled: running };
    const last = remembered.get(key);
    const fresh = last !== undefined && deps.now() - last.at < (last.outcome.ok ? refetchAfterMs(timestep) : last.outcome.cooldownMs);
    if (fresh && last.outcome.ok) return null;
    const range = await deps.readRange(itemId, timestep);
    if (!lacksHistory(range, timestep, Math.floor(deps.now() / 1000), deps.retentionSeconds[timestep])) return null;
    if (fresh) return { settled: Promise.resolve(last.outcome) };
    return { settled: inFlight.get(key) ?? start(key, itemId, timestep) };
  }

  return {
    async backfill(itemId, timestep) {
      const outcome = await (await decide(itemId, timestep))?.settled;
      if (outcome && !outcome.ok) throw outcome.error;
    },
    async backfillWithin(itemId, timestep, waitMs) {
      const decision = await decide(itemId, timestep);
      if (!decision) return 'stored';
      const outcome = await within(decision.settled, waitMs);
      return outcome?.ok ? 'backfilled' : 'stored; upstream unavailable';
    },
    retryAfterMs(itemId, timestep) {
      const last = remembered.get(`${itemId}:${timestep}`);
      if (!last || last.outcome.ok) return undefined;
      const left = last.at + last.outcome.cooldownMs - deps.now();
      return left > 0 ? left : undefined;
    },
  };
}

/** The promise's value, or undefined once `ms` have passed first. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

// What a `history` event asks of the device: which stored series changed on the server, and from
// which bucket on. Events come in bursts (a backfill after downtime writes window after window,
// newest first), so they are gathered and flushed as one refresh per series.
import { bucketStart, TIMESTEPS, type Timestep } from '../../shared/domain/timestep';
import type { HistoryEvent } from '../../shared/protocol/events';

/**
 * Per timestep, the start of the oldest bucket that changed. A refresh fetches from there (or from
 * the newest stored bucket, if older; see client/db/series-refresh.ts).
 */
export type HistoryChanges = Partial<Record<Timestep, number>>;

/** The series a window changes: its own, and for an hour the 6h and 24h rolled up from it. */
export function seriesFedBy(timestep: Timestep): readonly Timestep[] {
  return timestep === '1h' ? ['1h', '6h', '24h'] : [timestep];
}

/** `changes` with the buckets `event` changed added in. */
export function addHistoryEvent(changes: HistoryChanges, event: HistoryEvent): HistoryChanges {
  const next = { ...changes };
  for (const step of seriesFedBy(event.timestep)) {
    const from = bucketStart(event.timestamp, step);
    next[step] = Math.min(next[step] ?? from, from);
  }
  return next;
}

/** The steps a refresh covers: those in `changes`, or every one when none are given. */
export function stepsOf(changes: HistoryChanges | undefined): Timestep[] {
  return TIMESTEPS.filter((step) => changes === undefined || changes[step] !== undefined);
}

export interface HistoryRefreshOptions {
  flush(changes: HistoryChanges): void;
  /** Flush once no event has come for this long… */
  quietMs?: number;
  /** …or this long after the first event held, so a long backfill still shows as it goes. */
  maxWaitMs?: number;
}

export interface HistoryRefresh {
  add(event: HistoryEvent): void;
  stop(): void;
}

export function createHistoryRefresh(options: HistoryRefreshOptions): HistoryRefresh {
  const quietMs = options.quietMs ?? 300;
  const maxWaitMs = options.maxWaitMs ?? 2_000;
  let held: HistoryChanges = {};
  let firstAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = (): void => {
    timer = undefined;
    const changes = held;
    held = {};
    options.flush(changes);
  };

  return {
    add(event) {
      const now = Date.now();
      if (timer === undefined) firstAt = now;
      held = addHistoryEvent(held, event);
      clearTimeout(timer);
      timer = setTimeout(flush, Math.max(0, Math.min(quietMs, firstAt + maxWaitMs - now)));
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      held = {};
    },
  };
}

// The item chart's side of the live stream: collects the item's live prices for the live buffer,
// and after a sync asks for history when a bucket newer than the chart's last one should exist
// by now, so the real bucket replaces the live points it covers.
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import { TIMESTEP_SECONDS, type Timestep } from '../../shared/domain/timestep';
import type { Bucket } from '../../shared/protocol/api';
import { addLivePoint, toLivePoint, type LivePoint } from './live-buffer';
import type { Live } from './live';

/** The server fetches a closed window a little after its end (SYNC_WINDOW_DELAY, 90 s by default). */
const PUBLISH_GRACE_S = 120;

/** Unix seconds after which the bucket following `newest` should be on the server. */
export function nextBucketDueAt(newest: number, timestep: Timestep): number {
  return newest + 2 * TIMESTEP_SECONDS[timestep] + PUBLISH_GRACE_S;
}

/** Asking more often than this per series would only repeat empty answers. */
export function historyCheckInterval(timestep: Timestep): number {
  return Math.max(60, TIMESTEP_SECONDS[timestep] / 12);
}

export interface LiveChartOptions {
  live: Live | undefined;
  itemId: Accessor<number>;
  timestep: Accessor<Timestep>;
  buckets: Accessor<readonly Bucket[] | null>;
}

export function createLiveChart(options: LiveChartOptions): Accessor<LivePoint[]> {
  const { live, itemId } = options;
  const [points, setPoints] = createSignal<LivePoint[]>([]);
  createEffect(on(itemId, () => setPoints([]), { defer: true }));
  if (!live) return points;

  onCleanup(
    live.onUpdate((changes) => {
      const id = itemId();
      const mine = changes.filter((change) => change.record.itemId === id);
      if (mine.length > 0) setPoints((held) => mine.reduce((next, change) => addLivePoint(next, toLivePoint(change)), held));
    }),
  );

  let askedAt = 0;
  createEffect(
    on(
      () => live.status().syncedAt,
      (synced) => {
        const newest = options.buckets()?.at(-1)?.timestamp;
        const now = Math.floor(Date.now() / 1000);
        if (synced === null || newest === undefined || now < nextBucketDueAt(newest, options.timestep())) return;
        if (now - askedAt < historyCheckInterval(options.timestep())) return;
        askedAt = now;
        live.refreshHistory();
      },
      { defer: true },
    ),
  );
  return points;
}

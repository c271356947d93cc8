// The item page's history loader: IndexedDB first (instant, and all there is offline), then the
// server for what is new from the newest stored bucket on, or the whole series the first time.
import { createEffect, createSignal, on, type Accessor } from 'solid-js';
import type { Timestep } from '../../shared/domain/timestep';
import type { Bucket } from '../../shared/protocol/api';
import { listHistory } from '../db/points';
import { refreshSeries, type SeriesRefreshDeps } from '../db/series-refresh';

export interface HistoryState {
  buckets: Accessor<readonly Bucket[] | null>;
  /** The network pass failed: what shows is the device's copy. */
  fromDevice: Accessor<boolean>;
}

/** `changedFrom`: the oldest bucket the server said changed (a backfill can land below the newest stored one). */
export function createHistory(
  data: SeriesRefreshDeps,
  itemId: Accessor<number>,
  timestep: Accessor<Timestep>,
  from: Accessor<number>,
  changedFrom: Accessor<number | undefined> = () => undefined,
): HistoryState {
  const [buckets, setBuckets] = createSignal<readonly Bucket[] | null>(null);
  const [fromDevice, setFromDevice] = createSignal(false);
  let generation = 0;

  async function load(id: number, step: Timestep, start: number): Promise<void> {
    const mine = ++generation;
    const current = () => mine === generation;
    const changed = changedFrom();
    const stored = await listHistory(data.db, id, step, start);
    if (!current()) return;
    setBuckets(stored);
    try {
      const answer = await refreshSeries(data, id, step, { changedFrom: changed, wholeIfMissing: true });
      if (!current() || answer === null) return;
      setFromDevice(answer.fromDevice);
      setBuckets(await listHistory(data.db, id, step, start));
    } catch {
      // Offline or the server is down: the stored series stays on screen, marked as such.
      if (current()) setFromDevice(true);
    }
  }

  createEffect(on([itemId, timestep, from], ([id, step, start]) => void load(id, step, start)));
  return { buckets, fromDevice };
}

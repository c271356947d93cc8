// The item page's history loader: IndexedDB first (instant, and all there is offline), then the
// server for what is new since the newest stored bucket, or the whole series the first time.
import { createEffect, createSignal, on, type Accessor } from 'solid-js';
import type { Timestep } from '../../shared/domain/timestep';
import type { Bucket } from '../../shared/protocol/api';
import { readCoverage } from '../db/meta';
import { listHistory, newestBucketTime, storeHistory } from '../db/points';
import type { AppData } from '../state/app-data';

export interface HistoryState {
  buckets: Accessor<readonly Bucket[] | null>;
  /** The network pass failed: what shows is the device's copy. */
  fromDevice: Accessor<boolean>;
}

/** `changedFrom`: the oldest bucket the server said changed (a backfill can land below the newest stored one). */
export function createHistory(
  data: AppData,
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
      const [coverage, newest] = await Promise.all([readCoverage(data.db, id, step), newestBucketTime(data.db, id, step)]);
      const since = coverage !== null && newest !== null ? Math.min(newest, (changed ?? Infinity) - 1) : undefined;
      const answer = await data.api.history(id, step, since);
      if (!answer.fromDevice) await storeHistory(data.db, id, step, answer.buckets, { full: since === undefined, at: Date.now() });
      if (!current()) return;
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

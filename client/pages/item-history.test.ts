import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createRoot } from 'solid-js';
import type { Timestep } from '../../shared/domain/timestep';
import type { Bucket } from '../../shared/protocol/api';
import type { HistoryAnswer } from '../api';
import { storeHistory } from '../db/points';
import { openTestDb } from '../db/test-db';
import { createHistory } from './item-history';

// The loader is reactive: run it on Solid's browser build, whose effects run (the node build's do not).
vi.mock('solid-js', () => vi.importActual('solid-js/dist/solid.js'));

const SIX_HOURS = 6 * 3600;
/** A UTC midnight, so the 6h buckets are easy to name. */
const DAY0 = 1_748_217_600;
const bucket = (timestamp: number, high: number): Bucket => ({ timestamp, avgHighPrice: high, avgLowPrice: high - 1, highPriceVolume: 1, lowPriceVolume: 1 });

describe("the item page's history loader", () => {
  it('shows the newest 6h bucket as the server has it now, since that bucket grows until it closes', async () => {
    const db = await openTestDb();
    await storeHistory(db, 4151, '6h', [bucket(DAY0, 10), bucket(DAY0 + SIX_HOURS, 11)], { full: true, at: 1 });
    // Since it was stored, more trades landed in the open bucket; no newer bucket exists yet.
    const server = [bucket(DAY0, 10), bucket(DAY0 + SIX_HOURS, 15)];
    const api = {
      async history(itemId: number, timestep: Timestep, since?: number): Promise<HistoryAnswer> {
        return { itemId, timestep, buckets: server.filter((b) => since === undefined || b.timestamp > since), fromDevice: false };
      },
    };
    const [history, dispose] = createRoot((dispose) => [createHistory({ db, api }, () => 4151, () => '6h', () => 0), dispose] as const);
    await vi.waitFor(() => expect(history.buckets()?.map((b) => b.avgHighPrice)).toEqual([10, 15]));
    expect(history.fromDevice()).toBe(false);
    dispose();
    db.close();
  });
});

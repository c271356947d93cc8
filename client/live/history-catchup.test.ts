import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Timestep } from '../../shared/domain/timestep';
import type { Bucket } from '../../shared/protocol/api';
import type { HistoryAnswer } from '../api';
import { listHistory, storeHistory } from '../db/points';
import { openTestDb } from '../db/test-db';
import { catchUpHistory } from './history-catchup';

const bucket = (timestamp: number, high: number): Bucket => ({ timestamp, avgHighPrice: high, avgLowPrice: high - 1, highPriceVolume: 1, lowPriceVolume: 1 });

function fakeServer(series: Record<string, Bucket[]>, fromDevice = false) {
  const asked: string[] = [];
  return {
    asked,
    api: {
      async history(id: number, timestep: Timestep, since?: number): Promise<HistoryAnswer> {
        asked.push(`${id}:${timestep}:${since}`);
        const buckets = (series[`${id}:${timestep}`] ?? []).filter((b) => since === undefined || b.timestamp > since);
        return { itemId: id, timestep, buckets, fromDevice };
      },
    },
  };
}

describe('catching up history after time away', () => {
  it('fetches only what is newer for every series already kept, and fills the gap', async () => {
    const db = await openTestDb();
    await storeHistory(db, 4151, '5m', [bucket(300, 1), bucket(600, 2)], { full: true, at: 1 });
    await storeHistory(db, 4151, '1h', [bucket(3600, 5)], { full: true, at: 1 });
    const server = fakeServer({
      '4151:5m': [bucket(300, 1), bucket(600, 2), bucket(900, 3), bucket(1200, 4)],
      '4151:1h': [bucket(3600, 6), bucket(7200, 7)],
    });
    expect(await catchUpHistory({ db, api: server.api }, [4151])).toBe(5);
    expect(server.asked).toEqual(['4151:5m:599', '4151:1h:3599']);
    expect((await listHistory(db, 4151, '5m')).map((b) => b.timestamp)).toEqual([300, 600, 900, 1200]);
    expect((await listHistory(db, 4151, '1h')).map((b) => b.avgHighPrice)).toEqual([6, 7]);
    db.close();
  });

  it('after a history event, fetches only the series it changed, from a backfilled bucket below the newest stored', async () => {
    const db = await openTestDb();
    await storeHistory(db, 4151, '5m', [bucket(300, 1), bucket(1200, 4)], { full: true, at: 1 });
    await storeHistory(db, 4151, '1h', [bucket(3600, 5)], { full: true, at: 1 });
    const server = fakeServer({ '4151:5m': [bucket(300, 1), bucket(600, 2), bucket(900, 3), bucket(1200, 4)] });
    expect(await catchUpHistory({ db, api: server.api }, [4151], { '5m': 600 })).toBe(3);
    expect(server.asked).toEqual(['4151:5m:599']);
    expect((await listHistory(db, 4151, '5m')).map((b) => b.timestamp)).toEqual([300, 600, 900, 1200]);
    db.close();
  });

  it('leaves series the device never downloaded whole to the chart that shows them', async () => {
    const db = await openTestDb();
    await storeHistory(db, 2, '5m', [bucket(300, 1)], { full: false, at: 1 });
    const server = fakeServer({ '2:5m': [bucket(300, 1), bucket(600, 2)] });
    expect(await catchUpHistory({ db, api: server.api }, [2, 561])).toBe(0);
    expect(server.asked).toEqual([]);
    db.close();
  });

  it('stores nothing from an answer the service worker made up from the device while offline', async () => {
    const db = await openTestDb();
    await storeHistory(db, 2, '24h', [bucket(86_400, 1)], { full: true, at: 1 });
    const server = fakeServer({ '2:24h': [bucket(172_800, 2)] }, true);
    expect(await catchUpHistory({ db, api: server.api }, [2])).toBe(0);
    expect(await listHistory(db, 2, '24h')).toHaveLength(1);
    db.close();
  });
});

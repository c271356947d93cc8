import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { HistoryResponseSchema, type Bucket } from '../../shared/protocol/api';
import { listHistory, storeHistory } from '../db/points';
import { readCoverage } from '../db/meta';
import { openTestDb } from '../db/test-db';
import type { GeDb } from '../db/schema';
import { answerHistory, parseHistoryRequest, type HistoryRouteDeps } from './history-route';

const bucket = (timestamp: number, price: number): Bucket => ({
  timestamp,
  avgHighPrice: price,
  avgLowPrice: price - 1,
  highPriceVolume: 4,
  lowPriceVolume: 2,
});

function deps(db: GeDb, fetch: HistoryRouteDeps['fetch']) {
  const pending: Promise<unknown>[] = [];
  return {
    pending,
    deps: { openDb: async () => db, fetch, waitUntil: (work: Promise<unknown>) => void pending.push(work) } satisfies HistoryRouteDeps,
  };
}

async function answer(path: string, route: HistoryRouteDeps): Promise<Response> {
  const url = new URL(path, 'https://ge.example');
  const query = parseHistoryRequest(url);
  if (!query) throw new Error(`not a history request: ${path}`);
  return answerHistory(new Request(url), query, route);
}

describe('the service worker history route', () => {
  it('passes the network answer through and keeps its buckets on the device', async () => {
    const db = await openTestDb();
    const body = { itemId: 4151, timestep: '1h', buckets: [bucket(3600, 100), bucket(7200, 110)] };
    const { deps: route, pending } = deps(db, async () => Response.json(body));
    const response = await answer('/api/v1/items/4151/history?timestep=1h', route);
    expect(await response.json()).toEqual(body);
    await Promise.all(pending);
    expect(await listHistory(db, 4151, '1h')).toEqual(body.buckets);
    expect(await readCoverage(db, 4151, '1h')).not.toBeNull();
    db.close();
  });

  it('answers from IndexedDB, newer than `since`, when the network is gone', async () => {
    const db = await openTestDb();
    await storeHistory(db, 4151, '5m', [bucket(300, 1), bucket(600, 2), bucket(900, 3)], { full: true, at: 0 });
    const { deps: route } = deps(db, () => Promise.reject(new TypeError('Failed to fetch')));
    const response = await answer('/api/v1/items/4151/history?timestep=5m&since=300', route);
    expect(response.headers.get('x-served-from')).toBe('indexeddb');
    const parsed = HistoryResponseSchema.parse(await response.json());
    expect(parsed.buckets.map((b) => b.timestamp)).toEqual([600, 900]);
    db.close();
  });

  it('fails like the network when the device holds nothing for that chart', async () => {
    const db = await openTestDb();
    const { deps: route } = deps(db, async () => new Response('bad gateway', { status: 502 }));
    const response = await answer('/api/v1/items/2/history?timestep=24h', route);
    expect(response.type).toBe('error');
    db.close();
  });

  it('leaves requests that are not history alone', () => {
    expect(parseHistoryRequest(new URL('https://ge.example/api/v1/prices/stream'))).toBeNull();
    expect(parseHistoryRequest(new URL('https://ge.example/api/v1/items/2/history?timestep=2m'))).toBeNull();
  });
});

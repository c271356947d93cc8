import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { HourlyResponse } from '../../shared/protocol/hourly';
import type { Api, CatalogueAnswer } from '../api';
import { listCatalogue } from '../db/catalogue';
import { readMeta, writeMeta } from '../db/meta';
import type { CatalogueItem, HourRecord } from '../db/records';
import { openTestDb } from '../db/test-db';
import { refreshFromServer, refreshHourly, type RefreshTarget } from './refresh';

const whip: CatalogueItem = {
  id: 4151, name: 'Abyssal whip', examine: 'A weapon from the Abyss.', members: true, icon: 'Abyssal whip.png',
  limit: 70, value: 120_001, lowalch: 48_000, highalch: 72_000, volume1h: 500, volume24h: 12_000,
};

/** A server that answers the catalogue it is told to, counting the downloads. */
function fakeApi(answer: () => CatalogueAnswer): Api & { catalogueCalls: number } {
  const api = {
    catalogueCalls: 0,
    health: async () => ({ status: 'ok' as const, demo: false, staleAfterSeconds: 3600, epoch: 'e1', seq: 0, clients: 0, upstream: { lastSuccess: null, lastError: null, lastErrorAt: null, jobs: {} } }),
    catalogue: async () => {
      api.catalogueCalls += 1;
      return answer();
    },
    latestPrices: async () => ({ epoch: 'e1', seq: 0, full: true, prices: {} }),
    item: async () => Promise.reject(new Error('not used')),
    history: async () => Promise.reject(new Error('not used')),
    movers: async () => Promise.reject(new Error('not used')),
    hourly: async () => ({ timestep: '1h' as const, timestamp: null, items: {} }),
    pushKey: async () => null,
    registerSubscription: async () => Promise.reject(new Error('not used')),
    replaceRules: async () => Promise.reject(new Error('not used')),
    deleteSubscription: async () => Promise.reject(new Error('not used')),
  };
  return api;
}

function target(db: RefreshTarget['db'], api: Api, shown: CatalogueItem[][]): RefreshTarget {
  return {
    db, api, setDemo: () => {}, setStaleAfter: () => {}, showPrices: () => {}, replacePrices: () => {}, setPricesAt: () => {}, setHourly: () => {},
    setItems: (items) => shown.push(items),
  };
}

describe('the catalogue refresh', () => {
  it('keeps the device copy when the answer carries the ETag it holds, and replaces it when the ETag moves', async () => {
    const db = await openTestDb();
    let answer: CatalogueAnswer = { items: [whip], etag: 'W/"one"' };
    const api = fakeApi(() => answer);
    const shown: CatalogueItem[][] = [];
    await refreshFromServer(target(db, api, shown));
    expect(await listCatalogue(db)).toEqual([whip]);
    expect(await readMeta(db, 'catalogueTag')).toBe('W/"one"');

    // Due again, and answered from the browser's cache after a 304: the same ETag, nothing rewritten.
    await writeMeta(db, 'catalogueAt', 0);
    answer = { items: [{ ...whip, name: 'not written' }], etag: 'W/"one"' };
    await refreshFromServer(target(db, api, shown));
    expect(api.catalogueCalls).toBe(2);
    expect(await listCatalogue(db)).toEqual([whip]);
    expect(shown).toHaveLength(1);
    expect(await readMeta(db, 'catalogueAt')).toBeGreaterThan(0);

    await writeMeta(db, 'catalogueAt', 0);
    answer = { items: [{ ...whip, volume1h: 501 }], etag: 'W/"two"' };
    await refreshFromServer(target(db, api, shown));
    expect((await listCatalogue(db))[0]?.volume1h).toBe(501);
    expect(await readMeta(db, 'catalogueTag')).toBe('W/"two"');
    expect(shown).toHaveLength(2);
    db.close();
  });
});

describe('refreshing the 1h averages', () => {
  it('shows a new window once, and leaves the screen alone while the server answers the same one', async () => {
    const db = await openTestDb();
    let answer: HourlyResponse = { timestep: '1h', timestamp: 7200, items: { 4151: [1_710_000, 1_690_000, 40, 60] } };
    const shown: Array<readonly HourRecord[]> = [];
    const target = { db, api: { hourly: async () => answer }, setHourly: (records: readonly HourRecord[]) => shown.push(records) };
    await refreshHourly(target);
    await refreshHourly(target);
    expect(shown.map((records) => records.map((r) => [r.itemId, r.timestamp]))).toEqual([[[4151, 7200]]]);
    answer = { timestep: '1h', timestamp: 10_800, items: { 2: [190, 180, 1, 1] } };
    await refreshHourly(target);
    expect(shown.at(-1)?.map((r) => [r.itemId, r.avgHigh1h])).toEqual([[2, 190]]);
    db.close();
  });
});

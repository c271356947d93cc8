// The device's catalogue (GET /api/v1/catalogue): one answer with every listed item and nothing
// the device can work out itself, revalidated by its ETag (which price changes leave alone), and
// figures the device computes from it with the shared code equal to the server's own.
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../client/api';
import { openTestDb } from '../../client/db/test-db';
import { createAppData } from '../../client/state/app-data';
import { figuresOf } from '../../client/table/row-figures';
import { CatalogueItemSchema, CatalogueResponseSchema, ItemsResponseSchema, type ItemRow } from '../../shared/protocol/api';
import { ID, seedCatalogue } from '../helpers/catalogue-fixture';
import { rawRequest } from '../helpers/raw-http';
import { readRealCatalogue } from '../helpers/real-wiki-data';
import { seedItems, seedLatest, seedVolumes } from '../helpers/seed-store';
import { startTestApp, type TestApp } from '../helpers/test-app';

const DEVICE_FIELDS = Object.keys(CatalogueItemSchema.shape).sort();
const DERIVED = ['margin', 'tax', 'profit', 'roi', 'alchProfit', 'stale', 'inverted', 'highAge', 'lowAge', 'potential'];
const real = readRealCatalogue();

/** Every row of the public list, as the server computes it, and the clock it used. */
async function serverRows(t: TestApp): Promise<{ rows: ItemRow[]; asOf: number }> {
  const rows: ItemRow[] = [];
  let asOf = 0;
  for (let offset = 0; ; offset += 500) {
    const page = ItemsResponseSchema.parse((await t.request(`/api/v1/items?sort=id&limit=500&offset=${offset}`)).json());
    rows.push(...page.items);
    asOf = page.asOf;
    if (offset + 500 >= page.total) return { rows, asOf };
  }
}

/** The device downloads through its own api module into IndexedDB, then computes each row's figures. */
async function expectDeviceFiguresMatch(t: TestApp): Promise<number> {
  const db = await openTestDb();
  try {
    const { rows, asOf } = await serverRows(t);
    const device = createAppData({ db, api: createApi({ baseUrl: `${t.url}/api/v1` }), offline: () => false, now: () => asOf });
    await device.refresh();
    expect(device.refreshError()).toBeNull();
    expect(device.items().length).toBe(rows.length);
    const kept = new Map(device.items().map((item) => [item.id, item]));
    for (const row of rows) {
      const item = kept.get(row.id);
      if (!item) throw new Error(`the device lacks item ${row.id}`);
      const figures = figuresOf(item, device.prices[row.id], asOf, device.staleAfter());
      expect(figures, `item ${row.id} ${row.name}`).toEqual({
        margin: row.margin, tax: row.tax, profit: row.profit, roi: row.roi, alchProfit: row.alchProfit, stale: row.stale, inverted: row.inverted,
      });
      expect(device.prices[row.id]?.high ?? null).toBe(row.high);
      expect(device.prices[row.id]?.low ?? null).toBe(row.low);
    }
    return rows.length;
  } finally {
    db.close();
  }
}

describe('GET /api/v1/catalogue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: (db) => seedCatalogue(db) });
  });
  afterAll(() => t.close());

  it('lists every item in the mapping by name, with only what the device cannot compute', async () => {
    const res = await t.request('/api/v1/catalogue');
    expect(res.status).toBe(200);
    const raw = res.json() as { items: Array<Record<string, unknown>> };
    for (const item of raw.items) {
      expect(Object.keys(item).sort()).toEqual(DEVICE_FIELDS);
      for (const field of [...DERIVED, 'high', 'low', 'highTime', 'lowTime', 'seq']) expect(item).not.toHaveProperty(field);
    }
    const body = CatalogueResponseSchema.parse(raw);
    expect(body.items.map((item) => item.name)).toEqual([
      'Abyssal tentacle', 'Abyssal whip', 'Bullwhip', 'Nature rune', 'Old school bond', 'Whip', 'Whip seed',
    ]);
    expect(body.items.find((item) => item.id === ID.whip)).toEqual({
      id: ID.whip, name: 'Abyssal whip', examine: 'Abyssal whip.', members: true, icon: 'Abyssal whip.png',
      limit: 70, value: 120_001, lowalch: 48_000, highalch: 72_000, volume1h: 500, volume24h: 12_000,
    });
    expect(res.headers['cache-control']).toBe('public, no-cache');
  });

  it('answers If-None-Match with 304 while only prices change, and with the new catalogue once volumes or the mapping do', async () => {
    const first = await rawRequest(`${t.url}/api/v1/catalogue`, { headers: { 'Accept-Encoding': 'br' } });
    const etag = first.headers.etag ?? '';
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['content-encoding']).toBe('br');
    const revalidate = () => rawRequest(`${t.url}/api/v1/catalogue`, { headers: { 'Accept-Encoding': 'br', 'If-None-Match': etag } });

    expect((await revalidate()).status).toBe(304);
    const now = Math.floor(Date.now() / 1000);
    await seedLatest(t.db, [{ itemId: ID.whip, high: 1_800_000, highTime: now, low: 1_750_000, lowTime: now }]);
    const afterPrices = await revalidate();
    expect(afterPrices.status).toBe(304);
    expect(afterPrices.wire.length).toBe(0);

    await t.db.updateTable('item_volumes').set({ volume_1h: 501, updated_at: now + 1 }).where('item_id', '=', ID.whip).execute();
    const afterVolumes = await revalidate();
    expect(afterVolumes.status).toBe(200);
    expect(afterVolumes.headers.etag).not.toBe(etag);
    expect(CatalogueResponseSchema.parse(JSON.parse(afterVolumes.text())).items.find((i) => i.id === ID.whip)?.volume1h).toBe(501);

    await seedItems(t.db, [{ id: 30_000, name: 'Zenyte shard' }], now + 2);
    const afterMapping = await rawRequest(`${t.url}/api/v1/catalogue`, { headers: { 'If-None-Match': afterVolumes.headers.etag ?? '' } });
    expect(afterMapping.status).toBe(200);
    expect(CatalogueResponseSchema.parse(JSON.parse(afterMapping.text())).items.map((i) => i.name)).toContain('Zenyte shard');
  });
});

describe('figures the device computes from the catalogue', () => {
  let t: TestApp | undefined;
  afterEach(() => t?.close());

  it('equal the server\'s for every item of the fixture (missing, inverted, stale and exempt legs)', async () => {
    t = await startTestApp({ seed: (db) => seedCatalogue(db) });
    expect(await expectDeviceFiguresMatch(t)).toBe(7);
  });

  it.skipIf(real === null)('equal the server\'s for every item of the real catalogue (skipped without ../shared/data/osrs-wiki)', async () => {
    if (!real) return;
    t = await startTestApp({
      seed: async (db) => {
        await seedItems(db, real.items);
        await seedLatest(db, real.prices);
        await seedVolumes(db, real.volumes);
      },
    });
    expect(await expectDeviceFiguresMatch(t)).toBe(real.items.length);
    const lean = await rawRequest(`${t.url}/api/v1/catalogue`, { headers: { 'Accept-Encoding': 'br' } });
    expect(CatalogueResponseSchema.parse(JSON.parse(lean.text())).items).toHaveLength(real.items.length);
  }, 60_000);
});

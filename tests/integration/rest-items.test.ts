import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, ItemRowSchema, ItemsResponseSchema } from '../../shared/protocol/api';
import { ID, seedCatalogue } from '../helpers/catalogue-fixture';
import { seedLatest } from '../helpers/seed-store';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/store-engines';

let t: TestApp;

async function list(query: string) {
  const res = await t.request(`/api/v1/items${query}`);
  expect(res.status, res.text).toBe(200);
  return ItemsResponseSchema.parse(res.json());
}

const ids = (body: { items: Array<{ id: number }> }): number[] => body.items.map((item) => item.id);

describeEachEngine('the items API', (engine) => {
  beforeAll(async () => {
    t = await startTestApp({ env: { DATABASE_URL: await engine.createDatabase() }, seed: (db) => seedCatalogue(db) });
  });
  afterAll(() => t.close());

  describe('GET /api/v1/items', () => {
    it('lists the catalogue by name, leaving out items no longer in /mapping', async () => {
      const body = await list('');
      expect(body.items.map((item) => item.name)).toEqual([
        'Abyssal tentacle', 'Abyssal whip', 'Bullwhip', 'Nature rune', 'Old school bond', 'Whip', 'Whip seed',
      ]);
      expect(body).toMatchObject({ total: 7, limit: 100, offset: 0 });
    });

    it('shows the whip with its prices, tax, loss after tax, volumes and ages', async () => {
      const body = await list('?q=abyssal%20whip');
      const whip = body.items[0];
      expect(whip).toMatchObject({
        id: ID.whip, name: 'Abyssal whip', members: true, limit: 70, highalch: 72_000,
        high: 1_716_616, low: 1_700_000, margin: 16_616, tax: 34_332, profit: -17_716,
        alchProfit: 72_000 - 1_700_000, volume1h: 500, volume24h: 12_000, stale: false, inverted: false,
      });
      expect(whip?.roi).toBeCloseTo(-17_716 / 1_700_000, 8);
      expect(whip?.highAge).toBe(body.asOf - (whip?.highTime ?? 0));
      expect(whip?.lowAge).toBe(body.asOf - (whip?.lowTime ?? 0));
      expect(whip?.seq).toBeGreaterThan(0);
    });

    it('keeps a missing price null, never 0, and flags it stale', async () => {
      const body = await list('?q=whip');
      const plain = body.items.find((item) => item.id === ID.plainWhip);
      expect(plain).toMatchObject({ high: 50_000, low: null, lowTime: null, lowAge: null, margin: null, profit: null, roi: null, stale: true });
      const seed = body.items.find((item) => item.id === ID.whipSeed);
      expect(seed).toMatchObject({ high: null, low: null, tax: null, seq: 0, volume1h: null, limit: null, stale: true });
    });

    it('flags inverted legs and legs older than STALE_AFTER', async () => {
      const body = await list('');
      expect(body.items.find((item) => item.id === ID.tentacle)).toMatchObject({ inverted: true, stale: false, margin: -10_000 });
      expect(body.items.find((item) => item.id === ID.bullwhip)).toMatchObject({ inverted: false, stale: true });
    });

    it('ranks search results exact, then prefix, then word prefix, then substring, ignoring case', async () => {
      expect(ids(await list('?q=WHIP'))).toEqual([ID.plainWhip, ID.whipSeed, ID.whip, ID.bullwhip]);
      expect(ids(await list('?q=%20abyssal%20'))).toEqual([ID.tentacle, ID.whip]);
      const none = await list('?q=dragon');
      expect(none).toMatchObject({ items: [], total: 0 });
    });

    it('sorts by profit with missing figures last in both directions', async () => {
      const desc = ids(await list('?sort=profit&order=desc'));
      expect(desc).toEqual([ID.bond, ID.bullwhip, ID.nature, ID.whip, ID.tentacle, ID.plainWhip, ID.whipSeed]);
      const asc = ids(await list('?sort=profit&order=asc'));
      expect(asc).toEqual([ID.tentacle, ID.whip, ID.nature, ID.bullwhip, ID.bond, ID.plainWhip, ID.whipSeed]);
    });

    it('sorts figures largest first and names A to Z when no order is given', async () => {
      expect(ids(await list('?sort=volume1h'))).toEqual([ID.nature, ID.whip, ID.tentacle, ID.bullwhip, ID.bond, ID.plainWhip, ID.whipSeed]);
      expect(ids(await list('?sort=name')).slice(0, 2)).toEqual([ID.tentacle, ID.whip]);
      expect(ids(await list('?order=desc')).slice(0, 2)).toEqual([ID.whipSeed, ID.plainWhip]);
    });

    it('sorts search matches by the column asked for', async () => {
      expect(ids(await list('?q=whip&sort=high'))).toEqual([ID.whip, ID.plainWhip, ID.bullwhip, ID.whipSeed]);
    });

    it('filters members and free-to-play items', async () => {
      expect(ids(await list('?members=false'))).toEqual([ID.nature, ID.bond]);
      const members = await list('?members=true');
      expect(members.total).toBe(5);
      expect(members.items.every((item) => item.members)).toBe(true);
    });

    it('pages through the results with a total of every match', async () => {
      const page = await list('?sort=id&limit=2&offset=1');
      expect(page).toMatchObject({ total: 7, limit: 2, offset: 1 });
      expect(ids(page)).toEqual([ID.whip, ID.plainWhip]);
      expect((await list('?offset=100')).items).toEqual([]);
    });

    it('shows a new price on the next request', async () => {
      await seedLatest(t.db, [{ itemId: ID.nature, high: 120, highTime: Math.floor(Date.now() / 1000), low: 110, lowTime: Math.floor(Date.now() / 1000) }]);
      const nature = (await list('?q=nature')).items[0];
      expect(nature).toMatchObject({ high: 120, margin: 10 });
    });
  });

  describe('GET /api/v1/items/:id', () => {
    it('answers one item with the same fields as the list', async () => {
      const res = await t.request(`/api/v1/items/${ID.bond}`);
      expect(res.status).toBe(200);
      const bond = ItemRowSchema.parse(res.json());
      expect(bond).toMatchObject({ id: ID.bond, name: 'Old school bond', tax: 0, profit: 299_048, members: false });
    });

    it('still answers an item that has left /mapping', async () => {
      const res = await t.request(`/api/v1/items/${ID.retired}`);
      expect(res.status).toBe(200);
      expect(ItemRowSchema.parse(res.json()).name).toBe('Retired whip');
    });

    it('answers 404 unknown_item for an id the store does not know', async () => {
      const res = await t.request('/api/v1/items/123456');
      expect(res.status).toBe(404);
      expect(ErrorBodySchema.parse(res.json()).error).toMatchObject({ code: 'unknown_item', message: expect.stringContaining('123456') });
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEventId } from '../../shared/domain/event-id';
import { LatestPricesResponseSchema } from '../../shared/protocol/api';
import { ID, seedCatalogue } from '../helpers/catalogue-fixture';
import { seedLatest } from '../helpers/seed-store';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/store-engines';

let t: TestApp;
const now = Math.floor(Date.now() / 1000);

async function latest(query = '') {
  const res = await t.request(`/api/v1/prices/latest${query}`);
  expect(res.status, res.text).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  return LatestPricesResponseSchema.parse(res.json());
}

describeEachEngine('the prices API', (engine) => {
  beforeAll(async () => {
    t = await startTestApp({ env: { DATABASE_URL: await engine.createDatabase() }, seed: (db) => seedCatalogue(db, now) });
  });
  afterAll(() => t.close());

  describe('GET /api/v1/prices/latest', () => {
    it('answers every price with the store epoch and seq when no cursor is given', async () => {
      const body = await latest();
      expect(body).toMatchObject({ epoch: t.state.epoch, seq: 7, full: true });
      expect(Object.keys(body.prices)).toHaveLength(7);
      expect(body.prices[String(ID.whip)]).toEqual({ high: 1_716_616, highTime: now - 60, low: 1_700_000, lowTime: now - 30, seq: 1 });
      expect(body.prices[String(ID.plainWhip)]).toMatchObject({ low: null, lowTime: null });
    });

    it('answers only what changed after a cursor of the current epoch', async () => {
      const before = await latest();
      const cursor = formatEventId({ epoch: before.epoch, seq: before.seq });
      const [seq] = await seedLatest(t.db, [{ itemId: ID.nature, high: 116, highTime: now, low: 111, lowTime: now }]);
      const delta = await latest(`?since=${cursor}`);
      expect(delta).toMatchObject({ epoch: before.epoch, seq, full: false });
      expect(delta.prices).toEqual({ [ID.nature]: { high: 116, highTime: now, low: 111, lowTime: now, seq } });
    });

    it('answers an empty delta to a client that is up to date', async () => {
      const current = await latest();
      const delta = await latest(`?since=${current.epoch}.${current.seq}`);
      expect(delta).toMatchObject({ full: false, seq: current.seq, prices: {} });
    });

    it.each([
      ['another epoch', (epoch: string, seq: number) => `otherEpoch.${seq}`],
      ['a cursor ahead of the server', (epoch: string, seq: number) => `${epoch}.${seq + 1}`],
      ['garbage', () => 'not-a-cursor'],
      ['an empty cursor', () => ''],
      ['a negative seq', (epoch: string) => `${epoch}.-1`],
    ])('answers the full set to %s instead of an error', async (_name, cursor) => {
      const current = await latest();
      const body = await latest(`?since=${encodeURIComponent(cursor(current.epoch, current.seq))}`);
      expect(body.full).toBe(true);
      expect(Object.keys(body.prices)).toHaveLength(7);
    });

    it('answers the full set when since is given twice', async () => {
      const current = await latest();
      const body = await latest(`?since=${current.epoch}.0&since=${current.epoch}.0`);
      expect(body.full).toBe(true);
    });
  });
});

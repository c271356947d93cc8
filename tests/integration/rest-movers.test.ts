import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MoversResponseSchema } from '../../shared/protocol/movers';
import { ID, seedCatalogue } from '../helpers/catalogue-fixture';
import { seedBuckets } from '../helpers/seed-store';
import { startTestApp, type TestApp } from '../helpers/test-app';

const now = Math.floor(Date.now() / 1000);
const end = now - (now % 3600) - 3600;
const hourly = (start: number, last: number, volume: number) =>
  Array.from({ length: 25 }, (_, i) => ({ timestamp: end - (24 - i) * 3600, avgHighPrice: Math.round(start + ((last - start) * i) / 24), avgLowPrice: null, highPriceVolume: volume, lowPriceVolume: 0 }));

async function movers(t: TestApp, query: string) {
  const res = await t.request(`/api/v1/movers${query}`);
  expect(res.status, res.text).toBe(200);
  return MoversResponseSchema.parse(res.json());
}

describe('GET /api/v1/movers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      seed: async (db) => {
        await seedCatalogue(db, now);
        await seedBuckets(db, ID.whip, '1h', hourly(1_000_000, 1_100_000, 100));
        await seedBuckets(db, ID.bond, '1h', hourly(10_000_000, 9_000_000, 100));
        await seedBuckets(db, ID.nature, '1h', hourly(100, 300, 1));
      },
    });
  });
  afterAll(() => t.close());

  it('ranks the 24 h risers and fallers from hourly averages, leaving out thin items', async () => {
    const body = await movers(t, '?period=24h&minVolume=1000');
    expect(body.asOf).toBe(end);
    expect(body.risers.map((mover) => [mover.itemId, mover.change])).toEqual([[ID.whip, 0.1]]);
    expect(body.fallers.map((mover) => [mover.itemId, mover.change])).toEqual([[ID.bond, -0.1]]);
  });

  it('lets the minimum volume be lowered to show thin items', async () => {
    const body = await movers(t, '?period=24h&minVolume=0');
    expect(body.risers.map((mover) => mover.itemId)).toEqual([ID.nature, ID.whip]);
  });

  it('answers an empty ranking when the store holds no buckets of the period’s step', async () => {
    const body = await movers(t, '?period=1h');
    expect(body).toMatchObject({ timestep: '5m', asOf: null, risers: [], fallers: [] });
  });

  it('refuses an unknown period with a 400 naming it', async () => {
    const res = await t.request('/api/v1/movers?period=1y');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/period/);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger';
import { createMetrics } from '../../metrics';
import { waitFor } from '../../../tests/helpers/wait-for';
import { startDemoMarket, type DemoMarket } from './market';
import { createWikiClient, type WikiClient } from '../wiki-client';
import { DEMO_ITEMS } from './catalogue';

const logger = createLogger('silent');
const START = Date.parse('2025-05-26T07:03:12Z');
const markets: DemoMarket[] = [];

async function open(options: { seed?: number; clock?: { now: number } } = {}): Promise<{ market: DemoMarket; client: WikiClient }> {
  const clock = options.clock ?? { now: START };
  const market = await startDemoMarket({ tickMs: 5, logger, seed: options.seed, now: () => clock.now });
  markets.push(market);
  const client = createWikiClient({ baseUrl: market.url, userAgent: 'ge-tracker-test', timeoutMs: 5000, retries: 0, logger, metrics: createMetrics({ defaults: false }) });
  return { market, client };
}

afterEach(async () => {
  await Promise.all(markets.splice(0).map((m) => m.close()));
});

describe('demo catalogue', () => {
  it('lists over a hundred real items with unique ids, including the best known ones', () => {
    expect(DEMO_ITEMS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(DEMO_ITEMS.map((i) => i.id)).size).toBe(DEMO_ITEMS.length);
    const byId = new Map(DEMO_ITEMS.map((i) => [i.id, i]));
    expect(byId.get(4151)).toMatchObject({ name: 'Abyssal whip', limit: 70, highalch: 72_000 });
    expect(byId.get(13190)?.name).toBe('Old school bond');
    expect(byId.get(561)?.name).toBe('Nature rune');
    expect(byId.get(20997)?.name).toBe('Twisted bow');
    expect(byId.get(2)?.name).toBe('Steel cannonball');
  });
});

describe('demo market', () => {
  it('answers every wiki endpoint in shapes the real client accepts', async () => {
    const { client } = await open();
    const mapping = await client.mapping();
    expect(mapping).toHaveLength(DEMO_ITEMS.length);
    expect(mapping.find((i) => i.id === 13190)?.highalch).toBeUndefined(); // omitted, as the wiki does
    const latest = await client.latest();
    expect(Object.keys(latest.data)).toHaveLength(DEMO_ITEMS.length);
    const fiveMinutes = await client.window('5m');
    expect(fiveMinutes.timestamp).toBe(Date.parse('2025-05-26T06:55:00Z') / 1000);
    const hour = await client.window('1h', Date.parse('2025-05-25T12:00:00Z') / 1000);
    expect(hour.data['561']?.highPriceVolume).toBeGreaterThan(0);
    for (const step of ['5m', '1h', '6h', '24h'] as const) {
      const series = await client.timeseries(4151, step);
      expect(series.data.length).toBeGreaterThan(300);
      expect(series.data.length).toBeLessThanOrEqual(365);
      const times = series.data.map((p) => p.timestamp);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('moves prices as time passes', async () => {
    const clock = { now: START };
    const { client } = await open({ clock });
    const before = (await client.latest()).data;
    const moved = await waitFor('prices to move', async () => {
      clock.now += 30_000;
      const after = (await client.latest()).data;
      const changed = Object.keys(after).filter((id) => after[id]?.high !== before[id]?.high || after[id]?.low !== before[id]?.low);
      return changed.length > 50 && changed;
    });
    expect(moved.length).toBeGreaterThan(50);
  });

  it('aggregates the trades of its ticks into the window they fell in', async () => {
    const opened = Date.parse('2025-05-26T07:00:00Z');
    const clock = { now: opened };
    const { client } = await open({ clock });
    clock.now = opened + 299_000;
    await waitFor('a tick inside the window', async () => (await client.latest()).data['561']?.highTime !== null &&
      ((await client.latest()).data['561']?.highTime ?? 0) >= opened / 1000);
    clock.now = opened + 330_000;
    const window = await client.window('5m');
    expect(window.timestamp).toBe(opened / 1000);
    // Nature runes trade about 1.5 million an hour: a five-minute window holds tens of thousands.
    const runes = window.data['561'];
    expect((runes?.highPriceVolume ?? 0) + (runes?.lowPriceVolume ?? 0)).toBeGreaterThan(10_000);
  });

  it('serves the same history for the same seed, and another for another seed', async () => {
    const a = await open({ seed: 7 });
    const b = await open({ seed: 7 });
    const c = await open({ seed: 8 });
    const past = Date.parse('2025-05-20T10:00:00Z') / 1000;
    expect(await a.client.window('1h', past)).toEqual(await b.client.window('1h', past));
    expect(await a.client.timeseries(4151, '24h')).toEqual(await b.client.timeseries(4151, '24h'));
    expect(await a.client.timeseries(4151, '24h')).not.toEqual(await c.client.timeseries(4151, '24h'));
  });

  it('starts live trading where the recent history ends', async () => {
    const { client } = await open();
    const last = (await client.timeseries(4151, '5m')).data.at(-1);
    const latest = (await client.latest()).data['4151'];
    const reference = last?.avgHighPrice ?? last?.avgLowPrice ?? 0;
    expect(Math.abs((latest?.high ?? 0) - reference) / reference).toBeLessThan(0.05);
  });

  it('publishes nothing for a window that has not ended yet', async () => {
    const { client } = await open();
    const current = Date.parse('2025-05-26T07:00:00Z') / 1000;
    expect((await client.window('5m', current)).data).toEqual({});
  });
});

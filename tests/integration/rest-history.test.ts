import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketStart, TIMESTEP_SECONDS, type Timestep } from '../../shared/domain/timestep';
import { ErrorBodySchema, HistoryResponseSchema } from '../../shared/protocol/api';
import { ID, seedCatalogue } from '../helpers/catalogue-fixture';
import { seedBuckets, type SeedBucket } from '../helpers/seed-store';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/store-engines';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { readBucketRange } from '../../server/store/history-query';
import { createHistoryBackfill } from '../../server/sync/history-backfill';
import { retentionSeconds } from '../../server/sync/retention';

const now = Math.floor(Date.now() / 1000);

/** `count` buckets of `step` ending at the last complete one, ascending. */
function series(step: Timestep, count: number, price = 1_000): SeedBucket[] {
  const size = TIMESTEP_SECONDS[step];
  const last = bucketStart(now, step) - size;
  return Array.from({ length: count }, (_, i) => ({
    timestamp: last - (count - 1 - i) * size,
    avgHighPrice: price + i,
    avgLowPrice: i % 10 === 0 ? null : price - 5,
    highPriceVolume: 3,
    lowPriceVolume: i % 10 === 0 ? 0 : 2,
  }));
}

async function history(t: TestApp, path: string) {
  const res = await t.request(path);
  expect(res.status, res.text).toBe(200);
  return { body: HistoryResponseSchema.parse(res.json()), source: res.headers['x-history-source'] };
}

describeEachEngine('the history API', (engine) => {
  describe('GET /api/v1/items/:id/history from the store', () => {
    let t: TestApp;
    const stored = series('1h', 365, 1_700_000);
    beforeAll(async () => {
      t = await startTestApp({
        env: { DATABASE_URL: await engine.createDatabase() },
        seed: async (db) => {
          await seedCatalogue(db, now);
          // Written newest first: the answer must still be ascending.
          await seedBuckets(db, ID.whip, '1h', [...stored].reverse());
          await seedBuckets(db, ID.whip, '5m', series('5m', 3));
        },
      });
    });
    afterAll(() => t.close());

    it('answers the buckets of the asked timestep in ascending time, nulls kept', async () => {
      const { body, source } = await history(t, `/api/v1/items/${ID.whip}/history?timestep=1h`);
      expect(body.itemId).toBe(ID.whip);
      expect(body.timestep).toBe('1h');
      expect(body.buckets).toEqual(stored);
      expect(body.buckets[0]?.avgLowPrice).toBeNull();
      expect(source).toBe('stored');
    });

    it('answers only buckets newer than since', async () => {
      const since = stored[361]?.timestamp ?? 0;
      const { body } = await history(t, `/api/v1/items/${ID.whip}/history?timestep=1h&since=${since}`);
      expect(body.buckets.map((b) => b.timestamp)).toEqual(stored.slice(362).map((b) => b.timestamp));
    });

    it('answers an empty list for an item with no history', async () => {
      const { body } = await history(t, `/api/v1/items/${ID.nature}/history?timestep=24h`);
      expect(body.buckets).toEqual([]);
    });

    it.each([
      ['a missing timestep', `/api/v1/items/${ID.whip}/history`, 'timestep'],
      ['an unknown timestep', `/api/v1/items/${ID.whip}/history?timestep=10m`, 'timestep'],
      ['a non-numeric since', `/api/v1/items/${ID.whip}/history?timestep=1h&since=yesterday`, 'since'],
      ['a negative since', `/api/v1/items/${ID.whip}/history?timestep=1h&since=-5`, 'since'],
      ['a huge since', `/api/v1/items/${ID.whip}/history?timestep=1h&since=99999999999999`, 'since'],
      ['a non-numeric id', '/api/v1/items/whip/history?timestep=1h', 'id'],
    ])('refuses %s with a 400 naming the parameter', async (_name, path, parameter) => {
      const res = await t.request(path);
      expect(res.status).toBe(400);
      const { error } = ErrorBodySchema.parse(res.json());
      expect(error.code).toBe('invalid_parameter');
      expect(error.message).toContain(`"${parameter}"`);
    });

    it('answers 404 for an unknown item', async () => {
      const res = await t.request('/api/v1/items/424242/history?timestep=1h');
      expect(res.status).toBe(404);
      expect(ErrorBodySchema.parse(res.json()).error.code).toBe('unknown_item');
    });
  });

  describe('GET /api/v1/items/:id/history when the store lacks history', () => {
    let t: TestApp;
    const calls: string[] = [];
    const failing = new Set<number>();
    let hang: { release: () => void } | null = null;

    beforeAll(async () => {
      t = await startTestApp({
        env: { DATABASE_URL: await engine.createDatabase(), UPSTREAM_TIMEOUT: '200ms' },
        seed: async (db) => {
          await seedCatalogue(db, now);
          await seedBuckets(db, ID.whip, '5m', series('5m', 300));
          await seedBuckets(db, ID.bond, '1h', series('1h', 2, 13_000_000));
        },
        deps: {
          // The real backfill decision, over a fake /timeseries fetch.
          backfillHistory: createHistoryBackfill({
            readRange: (itemId, timestep) => readBucketRange(t.db, itemId, timestep),
            fetchSeries: async (itemId, timestep) => {
              calls.push(`${itemId}:${timestep}`);
              if (itemId === ID.tentacle) await new Promise<void>((resolve) => (hang = { release: resolve }));
              if (failing.has(itemId)) throw new Error('upstream answered 503');
              await seedBuckets(t.db, itemId, timestep, series(timestep, 365, 900));
            },
            retentionSeconds: retentionSeconds(loadConfig({}).retention),
            logger: createLogger('silent'),
            now: Date.now,
          }),
        },
      });
    });
    afterAll(async () => {
      hang?.release();
      await t.close();
    });

    it('fetches the series from upstream for a cold item and answers it', async () => {
      const { body, source } = await history(t, `/api/v1/items/${ID.nature}/history?timestep=24h`);
      expect(calls).toContain(`${ID.nature}:24h`);
      expect(body.buckets).toHaveLength(365);
      expect(source).toBe('backfilled');
    });

    it('does not call upstream when the store covers the series', async () => {
      const { body, source } = await history(t, `/api/v1/items/${ID.whip}/history?timestep=5m`);
      expect(calls).not.toContain(`${ID.whip}:5m`);
      expect(body.buckets).toHaveLength(300);
      expect(source).toBe('stored');
    });

    it('backfills when the store holds only the last few windows (a cold start)', async () => {
      const { body } = await history(t, `/api/v1/items/${ID.bond}/history?timestep=1h`);
      expect(calls).toContain(`${ID.bond}:1h`);
      expect(body.buckets).toHaveLength(365);
    });

    it('answers what is stored, and says so, when upstream fails', async () => {
      failing.add(ID.whip);
      const path = `/api/v1/items/${ID.whip}/history?timestep=6h`;
      await seedBuckets(t.db, ID.whip, '6h', series('6h', 4, 1_650_000));
      const first = await history(t, path);
      expect(calls).toContain(`${ID.whip}:6h`);
      expect(first.source).toBe('stored; upstream unavailable');
      expect(first.body.buckets).toEqual(series('6h', 4, 1_650_000));

      // Within the retry interval the dead upstream is not asked again.
      const callsBefore = calls.length;
      const second = await history(t, path);
      expect(calls.length).toBe(callsBefore);
      expect(second.source).toBe('stored; upstream unavailable');
    });

    it('stops waiting for a slow upstream after the upstream timeout', async () => {
      const { body, source } = await history(t, `/api/v1/items/${ID.tentacle}/history?timestep=1h`);
      expect(calls).toContain(`${ID.tentacle}:1h`);
      expect(source).toBe('stored; upstream unavailable');
      expect(body.buckets).toEqual([]);
    });
  });

  describe('GET /api/v1/items/:id/history without an upstream', () => {
    it('answers the stored buckets', async () => {
      const t = await startTestApp({ env: { DATABASE_URL: await engine.createDatabase() }, seed: (db) => seedCatalogue(db, now) });
      try {
        const { body, source } = await history(t, `/api/v1/items/${ID.whip}/history?timestep=6h`);
        expect(body.buckets).toEqual([]);
        expect(source).toBe('stored');
      } finally {
        await t.close();
      }
    });
  });
});

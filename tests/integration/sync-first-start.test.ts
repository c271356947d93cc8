import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../helpers/fake-upstream';
import { startSyncHarness, type SyncHarness } from '../helpers/sync-harness';
import { describeEachEngine } from '../helpers/store-engines';
import { waitFor } from '../helpers/wait-for';
import { LATEST_NEXT, MAPPING_RENAMED, T0, fiveMinuteWindow, hourWindow, startFakeWiki } from '../helpers/wiki-fixtures';

let fake: FakeUpstream;
let harness: SyncHarness;

const db = () => harness.store.db;

describeEachEngine('the sync', (engine) => {
  beforeEach(async () => {
    fake = await startFakeWiki();
    fake.setWindow('5m', fiveMinuteWindow(T0 - 300));
    fake.setWindow('1h', hourWindow(T0 - 3600));
    harness = await startSyncHarness(fake, { databaseUrl: await engine.createDatabase() });
  });
  afterEach(async () => {
    await harness.close();
    await fake.close();
  });

  describe('a first start against the wiki', () => {
    it('fills the catalogue, the prices, the windows and the sync state, and announces the prices once committed', async () => {
      await harness.sync.start();
      const items = await db().selectFrom('items').select(['id', 'name', 'highalch']).orderBy('id').execute();
      expect(items.map((i) => i.id)).toEqual([2, 561, 4151, 13190, 29993]);
      const prices = await db().selectFrom('latest_prices').selectAll().orderBy('item_id').execute();
      // 99999 is in /latest but not /mapping: stored all the same.
      expect(prices.map((p) => [p.item_id, p.seq])).toEqual([[2, 1], [561, 2], [4151, 3], [13190, 4], [99999, 5]]);
      expect(prices.find((p) => p.item_id === 13190)).toMatchObject({ low: null, low_time: null });
      expect(harness.commits).toHaveLength(1);
      expect(harness.commits[0]).toMatchObject({ seq: 5 });
      expect(harness.commits[0]?.changes).toHaveLength(5);

      await waitFor('both windows', async () => {
        const jobs = await db().selectFrom('sync_state').select('job').where('last_success', 'is not', null).execute();
        return jobs.length === 4;
      });
      const whipHour = await db().selectFrom('price_buckets').selectAll().where('item_id', '=', 4151).where('timestep', '=', '1h').execute();
      expect(whipHour).toMatchObject([{ timestamp: T0 - 3600, avg_high: 1718221, avg_low: 1690676 }]);
      const fiveMinutes = await db().selectFrom('price_buckets').selectAll().where('item_id', '=', 4151).where('timestep', '=', '5m').execute();
      expect(fiveMinutes).toMatchObject([{ avg_high: null, high_volume: 0, avg_low: 1702055 }]);

      const health = await harness.health();
      expect(health.status).toBe('ok');
      expect(health.seq).toBe(5);
      expect(Object.keys(health.upstream.jobs).sort()).toEqual(['1h', '5m', 'latest', 'mapping']);
    });

    it('asks the wiki with its descriptive User-Agent every time', async () => {
      await harness.sync.start();
      expect(fake.requests.length).toBeGreaterThanOrEqual(2);
      expect(new Set(fake.requests.map((r) => r.userAgent))).toEqual(new Set([harness.config.userAgent]));
    });

    it('writes only what changed on the next sync, with the next seqs, and keeps an item the wiki left out', async () => {
      await harness.sync.start();
      fake.setLatest(LATEST_NEXT);
      expect(await harness.sync.runJob('latest')).toBe(true);
      const last = harness.commits.at(-1);
      expect(last?.changes.map((c) => [c.itemId, c.seq])).toEqual([[561, 6], [4151, 7]]);
      const bond = await db().selectFrom('latest_prices').selectAll().where('item_id', '=', 13190).executeTakeFirst();
      expect(bond).toMatchObject({ high: 13299048, seq: 4 });
    });

    it('renames items in place and flags those that left the mapping, keeping their prices', async () => {
      await harness.sync.start();
      fake.setMapping(MAPPING_RENAMED);
      expect(await harness.sync.runJob('mapping')).toBe(true);
      const rows = await db().selectFrom('items').select(['id', 'name', 'name_lower', 'in_mapping']).where('id', 'in', [2, 29993]).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 2, name: 'Steel cannonball', name_lower: 'steel cannonball', in_mapping: 1 },
        { id: 29993, name: 'Aldarium', name_lower: 'aldarium', in_mapping: 0 },
      ]);
      expect(harness.log.entries().some((e) => e.msg === 'item renamed' && e.to === 'Steel cannonball')).toBe(true);
    });

    it('counts the changes and times the jobs in the metrics', async () => {
      await harness.sync.start();
      const text = await harness.metrics.registry.metrics();
      expect(text).toContain('ge_sync_price_changes_total 5');
      expect(text).toMatch(/ge_sync_duration_seconds_count\{job="latest"\} 1/);
    });
  });
});

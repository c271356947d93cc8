import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../helpers/fake-upstream';
import { startSyncHarness, type SyncHarness } from '../helpers/sync-harness';
import { describeEachEngine } from '../helpers/store-engines';
import { T0, hourWindow, startFakeWiki } from '../helpers/wiki-fixtures';
import { ItemRowSchema } from '../../shared/protocol/api';

const HOUR = 3600;
let fake: FakeUpstream;
let harness: SyncHarness | undefined;

beforeEach(async () => {
  fake = await startFakeWiki();
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await fake.close();
});

const askedFor = (step: '5m' | '1h') => fake.requests.filter((r) => r.endpoint === step).map((r) => r.query.get('timestamp'));

describeEachEngine('the window sync', (engine) => {
  async function start(env: Record<string, string> = {}): Promise<SyncHarness> {
    harness = await startSyncHarness(fake, { env, databaseUrl: await engine.createDatabase() });
    return harness;
  }

  describe('the 5m and 1h windows', () => {
    it('writes a /1h window that the wiki serves twice only once', async () => {
      const { sync, store } = await start({ SYNC_BACKFILL_MAX_WINDOWS: '0' });
      fake.setWindow('1h', hourWindow(T0 - HOUR));
      expect(await sync.runJob('1h')).toBe(true);
      fake.setWindow('1h', hourWindow(T0 - HOUR, 2)); // the same window again, as a later fetch returned it
      expect(await sync.runJob('1h')).toBe(true);
      const whip = await store.db.selectFrom('price_buckets').selectAll().where('item_id', '=', 4151).where('timestep', '=', '1h').execute();
      expect(whip).toMatchObject([{ timestamp: T0 - HOUR, high_volume: 42, low_volume: 76 }]);
      expect(await store.db.selectFrom('synced_windows').selectAll().execute()).toHaveLength(1);
    });

    it('fetches back, by timestamp, the windows missed while the server was down, and no others', async () => {
      const { sync } = await start();
      fake.setWindow('1h', hourWindow(T0 - 6 * HOUR));
      fake.setCurrentWindow('1h', T0 - 6 * HOUR);
      await sync.runJob('1h');
      fake.requests.length = 0;

      for (let h = 5; h >= 1; h -= 1) fake.setWindow('1h', hourWindow(T0 - h * HOUR));
      fake.setCurrentWindow('1h', T0 - HOUR);
      expect(await sync.runJob('1h')).toBe(true);
      const asked = askedFor('1h');
      expect(asked[0]).toBeNull(); // the newest window first, without a timestamp
      expect(asked.slice(1, 5)).toEqual([2, 3, 4, 5].map((h) => String(T0 - h * HOUR)));
      expect(asked).not.toContain(String(T0 - 6 * HOUR));
    });

    it('fetches back at most SYNC_BACKFILL_MAX_WINDOWS windows', async () => {
      const { sync, store } = await start({ SYNC_BACKFILL_MAX_WINDOWS: '2' });
      for (let h = 8; h >= 1; h -= 1) fake.setWindow('1h', hourWindow(T0 - h * HOUR));
      expect(await sync.runJob('1h')).toBe(true);
      expect(askedFor('1h')).toEqual([null, String(T0 - 2 * HOUR), String(T0 - 3 * HOUR)]);
      expect(await store.db.selectFrom('synced_windows').selectAll().execute()).toHaveLength(3);
    });

    it('shows the last hour’s and the last day’s volume on the item', async () => {
      const { sync } = await start();
      for (let h = 24; h >= 1; h -= 1) fake.setWindow('1h', hourWindow(T0 - h * HOUR));
      await sync.runJob('mapping');
      await sync.runJob('latest');
      expect(await sync.runJob('1h')).toBe(true);
      const response = await harness?.get('/api/v1/items/4151');
      const whip = ItemRowSchema.parse(response?.body);
      expect(whip.volume1h).toBe(42 + 76);
      expect(whip.volume24h).toBe(24 * (42 + 76));
    });

    it('rolls the hours up into a 6h bucket', async () => {
      const { sync, store } = await start();
      const sixHourStart = T0 - (T0 % (6 * HOUR)) - 6 * HOUR;
      for (let h = 0; h < 6; h += 1) fake.setWindow('1h', hourWindow(sixHourStart + h * HOUR));
      fake.setCurrentWindow('1h', sixHourStart + 5 * HOUR);
      await sync.runJob('1h');
      const bucket = await store.db.selectFrom('price_buckets').selectAll()
        .where('item_id', '=', 13190).where('timestep', '=', '6h').where('timestamp', '=', sixHourStart).executeTakeFirst();
      expect(bucket).toMatchObject({ avg_high: 13290000, high_volume: 180, avg_low: null, low_volume: 0 });
    });
  });
});

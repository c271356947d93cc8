import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../helpers/fake-upstream';
import { startSyncHarness } from '../helpers/sync-harness';
import { describeEachEngine } from '../helpers/store-engines';
import { LATEST_NEXT, MAPPING, T0, hourWindow, startFakeWiki } from '../helpers/wiki-fixtures';

let fake: FakeUpstream;
let dir: string;
let databaseUrl: string;

describeEachEngine('the sync across restarts', (engine) => {
  beforeEach(async () => {
    fake = await startFakeWiki();
    fake.setWindow('1h', hourWindow(T0 - 3600));
    dir = mkdtempSync(join(tmpdir(), 'ge-sync-restart-'));
    // A file to reopen; on PostgreSQL a database of its own.
    databaseUrl = engine.name === 'postgres' ? await engine.createDatabase() : `sqlite:${join(dir, 'store.sqlite')}`;
  });
  afterEach(async () => {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('a restart on the same database file', () => {
    it('keeps the data and the epoch, and numbers new changes after the old ones', async () => {
      const first = await startSyncHarness(fake, { databaseUrl });
      await first.sync.runJob('mapping');
      await first.sync.runJob('latest');
      await first.sync.runJob('1h');
      const before = await first.health();
      await first.close();

      fake.setLatest(LATEST_NEXT);
      const second = await startSyncHarness(fake, { databaseUrl });
      try {
        const reopened = await second.health();
        expect(reopened.epoch).toBe(before.epoch);
        expect(reopened.seq).toBe(before.seq);
        expect(await second.store.db.selectFrom('items').select('id').execute()).toHaveLength(MAPPING.length);
        expect(await second.store.db.selectFrom('price_buckets').select('item_id').where('timestep', '=', '1h').execute()).toHaveLength(3);

        await second.sync.runJob('latest');
        const committed = second.commits.at(-1);
        expect(committed?.epoch).toBe(before.epoch);
        expect(committed?.changes.map((c) => c.seq)).toEqual([before.seq + 1, before.seq + 2]);
        // The window synced before the restart is not written again.
        await second.sync.runJob('1h');
        const windows = await second.store.db.selectFrom('synced_windows').selectAll().where('timestamp', '=', T0 - 3600).execute();
        expect(windows).toHaveLength(1);
      } finally {
        await second.close();
      }
    });

    it('announces no change and keeps the seq when the wiki has nothing new after a restart', async () => {
      const first = await startSyncHarness(fake, { databaseUrl });
      await first.sync.runJob('latest');
      const { seq } = await first.health();
      await first.close();

      const second = await startSyncHarness(fake, { databaseUrl });
      try {
        await second.sync.runJob('latest');
        expect(second.commits).toEqual([expect.objectContaining({ seq, changes: [] })]);
      } finally {
        await second.close();
      }
    });
  });
});

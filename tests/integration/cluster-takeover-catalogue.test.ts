// A newly elected leader starts its sync from what the store holds: a catalogue synced within
// SYNC_MAPPING_INTERVAL is not downloaded again (the wiki's /mapping is large and changes a few
// times a month); a stale one is, before the first prices.
import { afterEach, expect, it } from 'vitest';
import { readStreamState } from '../../server/store/stream-state';
import type { RunningServer } from '../../server/start';
import { describeCluster, LEASE_TTL_MS, startTestCluster, SYNC_INTERVAL_MS, type TestCluster } from '../helpers/cluster-harness';
import type { FakeEndpoint } from '../helpers/fake-upstream';
import { LATEST, LATEST_NEXT } from '../helpers/wiki-fixtures';
import { waitFor } from '../helpers/wait-for';

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const askedBy = (c: TestCluster, instance: RunningServer, endpoint: FakeEndpoint): number =>
  c.wiki.requests.filter((r) => r.endpoint === endpoint && r.userAgent === instance.config.userAgent).length;

/** Two instances; the first leads and syncs, `between` runs, then it stops and the other takes over and syncs. */
async function takeOver(createDatabase: () => Promise<string>, between: (db: RunningServer['store']['db']) => Promise<void>): Promise<{ c: TestCluster; next: RunningServer }> {
  const c = cluster = await startTestCluster(await createDatabase(), 2);
  const first = await c.synced();
  const next = c.instances.find((i) => i !== first);
  if (next === undefined) throw new Error('no second instance');
  const synced = Object.keys(LATEST.data).length;
  await waitFor('the first leader\'s sync', async () => (await readStreamState(first.store.db)).seq === synced);
  await between(first.store.db);
  await first.close();
  c.instances.splice(c.instances.indexOf(first), 1);
  c.wiki.setLatest(LATEST_NEXT);
  expect(await c.leader(LEASE_TTL_MS + SYNC_INTERVAL_MS * 5)).toBe(next);
  await waitFor('the new leader\'s first sync', async () => (await readStreamState(next.store.db)).seq > synced);
  return { c, next };
}

describeCluster('a newly elected leader and the stored catalogue', (createDatabase) => {
  it('commits its first sync without asking for /mapping when the catalogue is fresh', async () => {
    const { c, next } = await takeOver(createDatabase, async () => undefined);
    expect(askedBy(c, next, 'latest')).toBeGreaterThan(0);
    expect(askedBy(c, next, 'mapping')).toBe(0);
  });

  it('asks for /mapping before its first prices when the catalogue is older than the mapping interval', async () => {
    const { c, next } = await takeOver(createDatabase, async (db) => {
      const dayAndMore = Math.floor(Date.now() / 1000) - 25 * 3600;
      await db.updateTable('sync_state').set({ last_success: dayAndMore }).where('job', '=', 'mapping').execute();
    });
    expect(askedBy(c, next, 'mapping')).toBe(1);
    const order = c.wiki.requests.filter((r) => r.userAgent === next.config.userAgent).map((r) => r.endpoint);
    expect(order.indexOf('mapping')).toBeLessThan(order.indexOf('latest'));
  });
});

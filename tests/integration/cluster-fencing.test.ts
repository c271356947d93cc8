// A leader that does not yet know it was deposed (its lease taken while it waited on the wiki,
// its next renewal far off) writes none of its history windows or its catalogue once a newer
// leader has claimed its term in the store: the store refuses them, and health's job state says why.
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { claimTerm, readTerm } from '../../server/store/leader-term';
import { readStreamState } from '../../server/store/stream-state';
import { listSyncedWindows } from '../../server/store/windows-repo';
import type { RunningServer } from '../../server/start';
import { describeCluster, startTestCluster, type TestCluster } from '../helpers/cluster-harness';
import { useClusterClients } from '../helpers/cluster-clients';
import { waitFor } from '../helpers/wait-for';
import { fiveMinuteWindow, T0 } from '../helpers/wiki-fixtures';
import type { FakeEndpoint } from '../helpers/fake-upstream';

const t = useClusterClients();
// Renewed every 20 s: within a test the leader never learns from Redis that it lost the lease.
const LONG_LEASE = { CLUSTER_LEASE_TTL: '60s' };

/** Holds the wiki's next answer on `endpoint`; resolves, once the leader is waiting on it, to the release. */
async function holdNext(cluster: TestCluster, endpoint: FakeEndpoint): Promise<{ asked: () => boolean; release: () => void }> {
  let release = (): void => undefined;
  const before = cluster.wiki.countRequests(endpoint);
  cluster.wiki.fail(endpoint, { kind: 'held', until: new Promise<void>((resolve) => (release = resolve)) }, 1);
  return { asked: () => cluster.wiki.countRequests(endpoint) > before, release: () => release() };
}

/** Another instance takes the lease with the next term and claims it in the store, as a successor would. */
async function depose(cluster: TestCluster, leader: RunningServer): Promise<number> {
  const term = leader.cluster?.status().term ?? 0;
  const redis = new Redis(cluster.redis.url);
  try {
    await redis.set(`${cluster.env.REDIS_PREFIX}leader`, `successor:${term + 1}`, 'PX', 60_000);
  } finally {
    redis.disconnect();
  }
  expect(await claimTerm(leader.store.db, term + 1)).toBe(true);
  return term + 1;
}

async function jobError(leader: RunningServer, job: string): Promise<string | null | undefined> {
  const row = await leader.store.db.selectFrom('sync_state').select('last_error').where('job', '=', job).executeTakeFirst();
  return row?.last_error;
}

describeCluster('the store fence on history and the catalogue', (createDatabase) => {
  it('refuses a deposed leader\'s history window, whatever it still believes', async () => {
    const cluster = t.cluster = await startTestCluster(await createDatabase(), 0);
    const window = T0 - 300;
    cluster.wiki.setWindow('5m', fiveMinuteWindow(window));
    const held = await holdNext(cluster, '5m');
    const leader = await cluster.startInstance(LONG_LEASE);
    await cluster.synced();
    await waitFor('the leader to ask for its first /5m', held.asked);
    const successor = await depose(cluster, leader);
    held.release();
    await waitFor('the window write to be refused', async () => /newer leader than term/.test((await jobError(leader, '5m')) ?? ''));
    expect(leader.cluster?.status().role).toBe('leader');
    expect(await listSyncedWindows(leader.store.db, '5m', 0)).toEqual([]);
    expect(await leader.store.db.selectFrom('price_buckets').select('item_id').execute()).toEqual([]);
    expect(await readTerm(leader.store.db)).toBe(successor);
  });

  it('refuses a deposed leader\'s catalogue and prices, leaving the store as the successor had it', async () => {
    const cluster = t.cluster = await startTestCluster(await createDatabase(), 0);
    const held = await holdNext(cluster, 'mapping');
    const leader = await cluster.startInstance(LONG_LEASE);
    await cluster.leader();
    await waitFor('the leader to ask for /mapping', held.asked);
    const successor = await depose(cluster, leader);
    held.release();
    await waitFor('the catalogue write to be refused', async () => /newer leader than term/.test((await jobError(leader, 'mapping')) ?? ''));
    await waitFor('the price write to be refused', async () => /newer leader than term/.test((await jobError(leader, 'latest')) ?? ''));
    expect(await leader.store.db.selectFrom('items').select('id').execute()).toEqual([]);
    expect((await readStreamState(leader.store.db)).seq).toBe(0);
    expect(await readTerm(leader.store.db)).toBe(successor);
  });
});

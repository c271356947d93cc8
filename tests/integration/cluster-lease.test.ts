// Cluster mode's sync leader: one instance of three holds the lease and alone asks the wiki for
// prices, writing under its term; when it goes, another takes over and seq goes on without a gap;
// one whose lease was taken stops asking at once.
import { Redis } from 'ioredis';
import { afterEach, expect, it } from 'vitest';
import { readStreamState } from '../../server/store/stream-state';
import { claimTerm, FencedWriteError, readTerm } from '../../server/store/leader-term';
import { ingestLatest } from '../../server/store/price-writes';
import type { RunningServer } from '../../server/start';
import { describeCluster, LEASE_TTL_MS, startTestCluster, SYNC_INTERVAL_MS, type TestCluster } from '../helpers/cluster-harness';
import { LATEST, LATEST_NEXT } from '../helpers/wiki-fixtures';
import { waitFor } from '../helpers/wait-for';

let cluster: TestCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const latestAskedBy = (c: TestCluster, instance: RunningServer): number =>
  c.wiki.requests.filter((r) => r.endpoint === 'latest' && r.userAgent === instance.config.userAgent).length;

describeCluster('the sync leader', (createDatabase) => {
  it('is one instance of three; only it asks the wiki for prices, and the store holds its term', async () => {
    cluster = await startTestCluster(await createDatabase(), 3);
    const leader = await cluster.leader();
    const term = leader.cluster?.status().term ?? 0;
    expect(term).toBeGreaterThan(0);
    await waitFor('a few syncs', () => latestAskedBy(cluster!, leader) >= 3);
    for (const other of cluster.instances.filter((i) => i !== leader)) {
      // A follower names the leader once it has looked at the lease (every sixth of the TTL; later on a loaded machine).
      await waitFor('the follower to see the leader', () => other.cluster?.status().leader !== null);
      expect(other.cluster?.status()).toMatchObject({ role: 'follower', leader: `${leader.cluster?.instanceId}:${term}` });
      expect(latestAskedBy(cluster, other)).toBe(0);
    }
    expect(await readTerm(leader.store.db)).toBe(term);
    expect((await readStreamState(leader.store.db)).seq).toBe(Object.keys(LATEST.data).length);
  });

  it('passes to another instance when the leader stops, with a newer term and seq going on', async () => {
    cluster = await startTestCluster(await createDatabase(), 2);
    const first = await cluster.leader();
    const firstTerm = first.cluster?.status().term ?? 0;
    await waitFor('the first sync', async () => (await readStreamState(first.store.db)).seq === 5);
    await first.close();
    cluster.wiki.setLatest(LATEST_NEXT);
    const next = await cluster.leader(LEASE_TTL_MS + SYNC_INTERVAL_MS * 5);
    expect(next).not.toBe(first);
    expect(next.cluster?.status().term).toBeGreaterThan(firstTerm);
    await waitFor('the new leader syncs', async () => (await readStreamState(next.store.db)).seq === 7);
    cluster.instances.splice(cluster.instances.indexOf(first), 1);
  });

  it('stops syncing at once when its lease is taken, and the store refuses its term', async () => {
    cluster = await startTestCluster(await createDatabase(), 1);
    const leader = await cluster.leader();
    const term = leader.cluster?.status().term ?? 0;
    const redis = new Redis(cluster.redis.url);
    try {
      // Another holder, as if this one had been paused past its TTL.
      await redis.set(`${cluster.env.REDIS_PREFIX}leader`, `elsewhere:${term + 1}`, 'PX', 60_000);
      await waitFor('the leader to notice', () => leader.cluster?.status().role === 'follower', LEASE_TTL_MS * 2);
      const asked = latestAskedBy(cluster, leader);
      cluster.wiki.setLatest(LATEST_NEXT);
      await waitFor('a few sync intervals to pass', async () => (await redis.pttl(`${cluster!.env.REDIS_PREFIX}leader`)) < 60_000 - SYNC_INTERVAL_MS * 4);
      expect(latestAskedBy(cluster, leader)).toBeLessThanOrEqual(asked + 1);
      expect((await readStreamState(leader.store.db)).seq).toBe(5);
      // The successor claims its term in the store: a write still carrying the old one rolls back.
      expect(await claimTerm(leader.store.db, term + 1)).toBe(true);
      const late = ingestLatest(leader.store.db, [{ itemId: 2, high: 1, highTime: 1, low: 1, lowTime: 1 }], { term });
      await expect(late).rejects.toBeInstanceOf(FencedWriteError);
    } finally {
      redis.disconnect();
    }
  });
});

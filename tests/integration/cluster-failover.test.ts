// The leader as a real process: SIGKILLed in the middle of a sync, another instance leads within
// the lease TTL plus one sync interval and the seq goes on with no gap and no repeat; SIGSTOPped
// past its lease and then woken, it writes nothing, even when it was paused waiting on the wiki
// and the answer is there the moment it wakes.
import { expect, it } from 'vitest';
import { readStreamState } from '../../server/store/stream-state';
import { readTerm } from '../../server/store/leader-term';
import { describeCluster, LEASE_TTL_MS, startTestCluster, SYNC_INTERVAL_MS } from '../helpers/cluster-harness';
import { useClusterClients, viewOf } from '../helpers/cluster-clients';
import { randomLatest, viewMismatches } from '../helpers/cluster-market';
import { spawnInstance, type InstanceProcess } from '../helpers/cluster-process';
import { updatesOf } from '../helpers/client-view';
import { createRandom } from '../helpers/seeded-random';
import { waitFor } from '../helpers/wait-for';
import { LATEST } from '../helpers/wiki-fixtures';

const t = useClusterClients();
const processes: InstanceProcess[] = [];

async function leaderProcess(createDatabase: () => Promise<string>) {
  const cluster = t.cluster = await startTestCluster(await createDatabase(), 0);
  const child = await spawnInstance(cluster.env, 'child');
  processes.push(child);
  await waitFor('the process to lead and sync', async () => {
    const h = await child.health();
    return h?.cluster?.role === 'leader' && h.seq > 0;
  }, 10_000);
  await cluster.startInstance();
  await cluster.startInstance();
  return { cluster, child };
}

/**
 * The seqs past `seq` of the commits the old leader logged ("latest synced") in `lines`. A line read
 * after the wake may tell of a commit made before the pause (the child's output is read late on a
 * loaded machine); a commit of the old term after the takeover would carry a seq past the store's then.
 */
const commitsPast = (lines: readonly string[], seq: number): number[] =>
  lines.flatMap((line) => (/"msg":"latest synced"/.test(line) ? [(JSON.parse(line) as { seq: number }).seq] : [])).filter((committed) => committed > seq);

describeCluster('the leader process going away', (createDatabase) => {
  it('is replaced within the lease TTL plus one sync interval after kill -9 mid-sync, seq going on without a gap', async () => {
    try {
      const { cluster, child } = await leaderProcess(createDatabase);
      const follower = cluster.instances[0];
      if (follower === undefined) throw new Error('no follower');
      const { db } = follower.store;
      const state = await readStreamState(db);
      const client = await t.connect(follower, null, `${state.epoch}.0`);
      await waitFor('the catch-up', () => client.stream.events.some((e) => e.event === 'price-batch'));
      const askedByChild = (): number => cluster.wiki.requests.filter((r) => r.endpoint === 'latest' && r.userAgent === 'ge-test/child').length;
      const asked = askedByChild();
      let release = (): void => undefined;
      cluster.wiki.fail('latest', { kind: 'held', until: new Promise<void>((resolve) => (release = resolve)) }, Infinity);
      cluster.wiki.setLatest({ data: randomLatest(createRandom(2), LATEST.data, 1) });
      // Its next /latest is held unanswered: killed in the middle of that sync.
      await waitFor('the leader to be mid-sync', () => askedByChild() > asked);
      await child.kill();
      const killedAt = Date.now();
      cluster.wiki.clearFailures();
      release();
      const leader = await cluster.leader(LEASE_TTL_MS * 3);
      const failoverMs = Date.now() - killedAt;
      process.stderr.write(`cluster: a new leader ${failoverMs} ms after kill -9 (lease ${LEASE_TTL_MS} ms, sync every ${SYNC_INTERVAL_MS} ms)\n`);
      expect(failoverMs).toBeLessThan(LEASE_TTL_MS + SYNC_INTERVAL_MS + 500);
      await waitFor('the new leader to sync', async () => (await readStreamState(db)).seq > state.seq);
      await waitFor('the client to converge', async () => (await viewMismatches(db, viewOf(client), null)).length === 0);
      expect(viewOf(client)).toMatchObject({ duplicates: 0, regressions: 0, resyncs: 0 });
      // After the catch-up, every live update takes the very next seq.
      const live = client.stream.events.filter((e) => e.event === 'price-batch' || e.event === 'price-update').slice(1).flatMap(updatesOf);
      const seqs = live.map((u) => u.seq);
      expect(seqs).toEqual(seqs.map((_, i) => state.seq + 1 + i));
      expect(await readTerm(db)).toBe(leader.cluster?.status().term);
    } finally {
      for (const p of processes.splice(0)) await p.kill();
    }
  });

  it('writes nothing once woken after a pause past its lease (SIGSTOP, then SIGCONT after the takeover)', async () => {
    try {
      const { cluster, child } = await leaderProcess(createDatabase);
      const db = cluster.instances[0]?.store.db;
      if (db === undefined) throw new Error('no follower');
      child.child.kill('SIGSTOP');
      const leader = await cluster.leader(LEASE_TTL_MS * 3);
      const before = (await readStreamState(db)).seq;
      cluster.wiki.setLatest({ data: randomLatest(createRandom(5), LATEST.data, 1) });
      await waitFor('the new leader to sync', async () => (await readStreamState(db)).seq > before);
      const woken = child.lines.length;
      child.child.kill('SIGCONT');
      await waitFor('the old leader to step down', async () => (await child.health())?.cluster?.role === 'follower');
      cluster.wiki.setLatest({ data: randomLatest(createRandom(6), LATEST.data, 2) });
      const seq = (await readStreamState(db)).seq;
      await waitFor('another sync by the new leader', async () => (await readStreamState(db)).seq > seq);
      const after = child.lines.slice(woken).join('\n');
      expect(after).toMatch(/no longer the sync leader/);
      expect(commitsPast(child.lines.slice(woken), before)).toEqual([]);
      expect(await readTerm(db)).toBe(leader.cluster?.status().term);
    } finally {
      for (const p of processes.splice(0)) await p.kill();
    }
  });

  it('writes nothing when paused in the middle of a sync and woken after the takeover with the wiki\'s answer waiting', async () => {
    try {
      const { cluster, child } = await leaderProcess(createDatabase);
      const db = cluster.instances[0]?.store.db;
      if (db === undefined) throw new Error('no follower');
      const state = await readStreamState(db);
      // From the start, so each holds every price; the catch-up is its first batch.
      const clients = await Promise.all(cluster.instances.map((instance) => t.connect(instance, null, `${state.epoch}.0`)));
      for (const client of clients) await waitFor('the catch-up', () => client.stream.events.some((e) => e.event === 'price-batch'));
      const askedByChild = (): number => cluster.wiki.requests.filter((r) => r.endpoint === 'latest' && r.userAgent === 'ge-test/child').length;
      const asked = askedByChild();
      let release = (): void => undefined;
      cluster.wiki.fail('latest', { kind: 'held', until: new Promise<void>((resolve) => (release = resolve)) }, 1);
      await waitFor('the leader to be mid-sync', () => askedByChild() > asked);
      child.child.kill('SIGSTOP');
      const leader = await cluster.leader(LEASE_TTL_MS * 3);
      const takenOver = (await readStreamState(db)).seq;
      cluster.wiki.setLatest({ data: randomLatest(createRandom(11), LATEST.data, 1) });
      await waitFor('the new leader to sync', async () => (await readStreamState(db)).seq > state.seq);
      // The answer the paused leader asked for, different from what the new leader stored.
      cluster.wiki.setLatest({ data: randomLatest(createRandom(12), LATEST.data, 2) });
      const woken = child.lines.length;
      release();
      await waitFor('the answer to be sent', () => cluster.wiki.requests.filter((r) => r.userAgent === 'ge-test/child' && r.endpoint === 'latest').every((r) => r.answeredAt !== undefined));
      child.child.kill('SIGCONT');
      await waitFor('the old leader to step down', async () => (await child.health())?.cluster?.role === 'follower');
      const seq = (await readStreamState(db)).seq;
      cluster.wiki.setLatest({ data: randomLatest(createRandom(13), LATEST.data, 3) });
      await waitFor('another sync by the new leader', async () => (await readStreamState(db)).seq > seq);
      for (const client of clients) {
        await waitFor('every client to converge', async () => (await viewMismatches(db, viewOf(client), null)).length === 0);
        expect(viewOf(client)).toMatchObject({ duplicates: 0, regressions: 0, resyncs: 0 });
        const live = client.stream.events.filter((e) => e.event === 'price-batch' || e.event === 'price-update').slice(1).flatMap(updatesOf);
        const seqs = live.map((u) => u.seq);
        expect(seqs.length).toBeGreaterThan(0);
        expect(seqs).toEqual(seqs.map((_, i) => state.seq + 1 + i));
      }
      expect(commitsPast(child.lines.slice(woken), takenOver)).toEqual([]);
      expect(await readTerm(db)).toBe(leader.cluster?.status().term);
    } finally {
      for (const p of processes.splice(0)) await p.kill();
    }
  });
});

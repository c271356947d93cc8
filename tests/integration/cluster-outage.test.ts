// Cluster mode without Redis for a while: instances keep their clients on heartbeats, answer REST
// from the store, and say in health that they are degraded and why; nobody syncs (there is no
// lease to hold). When Redis comes back, empty, a leader is elected and every client converges
// without reconnecting: no resync, nothing twice.
import { expect, it } from 'vitest';
import { HealthResponseSchema, type HealthResponse } from '../../shared/protocol/api';
import { readStreamState } from '../../server/store/stream-state';
import type { RunningServer } from '../../server/start';
import { CLUSTER_METRICS_TOKEN, describeCluster, startTestCluster, type TestCluster } from '../helpers/cluster-harness';
import { randomFilter, randomLatest, viewMismatches } from '../helpers/cluster-market';
import { useClusterClients, viewOf, type ClusterClient as Client } from '../helpers/cluster-clients';
import { createRandom } from '../helpers/seeded-random';
import type { RawStream } from '../helpers/sse-reader';
import { waitFor } from '../helpers/wait-for';
import { LATEST } from '../helpers/wiki-fixtures';

const t = useClusterClients();

async function health(instance: RunningServer): Promise<HealthResponse> {
  const res = await fetch(`${instance.url}/api/v1/health`);
  return HealthResponseSchema.parse(await res.json());
}

async function connectEverywhere(c: TestCluster, epoch: string): Promise<Client[]> {
  const random = createRandom(3);
  const clients: Client[] = [];
  for (const instance of c.instances) {
    for (let i = 0; i < 3; i += 1) {
      clients.push(await t.connect(instance, randomFilter(random), `${epoch}.0`));
    }
  }
  return clients;
}

async function converged(c: TestCluster, clients: Client[], timeoutMs = 10_000): Promise<void> {
  const db = c.instances[0]?.store.db;
  if (db === undefined) throw new Error('no instance');
  for (const client of clients) {
    await waitFor('every client to converge', async () => (await viewMismatches(db, viewOf(client), client.filter)).length === 0, timeoutMs);
    expect(viewOf(client)).toMatchObject({ duplicates: 0, regressions: 0, resyncs: 0 });
    expect(client.stream.ended()).toBe(false);
  }
}

describeCluster('the cluster without Redis', (createDatabase) => {
  it('keeps every client through a Redis outage, says so in health, and converges once Redis is back', async () => {
    const cluster = t.cluster = await startTestCluster(await createDatabase(), 3);
    const leader = await cluster.synced();
    const epoch = (await readStreamState(leader.store.db)).epoch;
    const clients = await connectEverywhere(cluster, epoch);
    await converged(cluster, clients);

    await cluster.redis.kill();
    for (const instance of cluster.instances) {
      const seen = await waitFor('health to say degraded', async () => {
        const h = await health(instance);
        return h.status === 'degraded' && h.cluster?.redis === 'down' && h.cluster.role === 'follower' ? h : undefined;
      });
      expect(seen.reasons?.join(' ')).toMatch(/Redis is unreachable/);
      expect(seen.cluster).toMatchObject({ role: 'follower', database: 'up' });
    }
    // Heartbeats go on and REST answers from the store.
    const heartbeats = (s: RawStream): number => s.events.filter((e) => e.event === 'heartbeat').length;
    const before = clients.map((c) => heartbeats(c.stream));
    await waitFor('heartbeats on every stream', () => clients.every((c, i) => heartbeats(c.stream) > (before[i] ?? 0)));
    const prices = await fetch(`${cluster.instances[1]?.url}/api/v1/prices/latest`);
    expect(prices.status).toBe(200);

    const seqBefore = (await readStreamState(leader.store.db)).seq;
    cluster.wiki.setLatest({ data: randomLatest(createRandom(4), LATEST.data, 1) });
    const downAt = Date.now();
    await cluster.redis.start();
    await cluster.leader(5000);
    await waitFor('a sync after the outage', async () => (await readStreamState(leader.store.db)).seq > seqBefore);
    await converged(cluster, clients);
    process.stderr.write(`cluster: every client converged ${Date.now() - downAt} ms after Redis came back (empty)\n`);
    for (const instance of cluster.instances) await waitFor('health ok again', async () => (await health(instance)).status === 'ok');
    const newLeader = await cluster.leader();
    const term = newLeader.cluster?.status().term ?? 0;
    expect((await health(newLeader)).cluster).toMatchObject({ role: 'leader', term, redis: 'up', database: 'up', receiving: true });
    await waitFor('followers caught up', async () => (await health(cluster.instances.find((i) => i !== newLeader)!)).cluster?.lag === 0);
    const metrics = await (await fetch(`${newLeader.url}/metrics`, { headers: { authorization: `Bearer ${CLUSTER_METRICS_TOKEN}` } })).text();
    expect(metrics).toMatch(/^ge_cluster_leader 1$/m);
    expect(metrics).toMatch(new RegExp(`^ge_cluster_term ${term}$`, 'm'));
    expect(metrics).toMatch(/^ge_cluster_stream_delay_seconds /m);
  });

  it('converges after Redis restarts empty between two syncs', async () => {
    const cluster = t.cluster = await startTestCluster(await createDatabase(), 3);
    const leader = await cluster.synced();
    const { db } = leader.store;
    const clients = await connectEverywhere(cluster, (await readStreamState(db)).epoch);
    await converged(cluster, clients);
    const seqBefore = (await readStreamState(db)).seq;
    await cluster.redis.kill();
    await cluster.redis.start();
    const restartedAt = Date.now();
    cluster.wiki.setLatest({ data: randomLatest(createRandom(8), LATEST.data, 2) });
    await cluster.leader(5000);
    await waitFor('a sync after the restart', async () => (await readStreamState(db)).seq > seqBefore);
    await converged(cluster, clients);
    process.stderr.write(`cluster: every client converged ${Date.now() - restartedAt} ms after a Redis restart\n`);
  });
});

// Cluster mode's live log: three instances, clients with random filters on each; after a series
// of syncs every client holds the store's newest state for its filter, with no update twice and
// none lost. A client moving to another instance with its id gets exactly what it missed, even
// from an instance that has not yet caught up with it.
import { expect, it } from 'vitest';
import { formatEventId } from '../../shared/domain/event-id';
import { readStreamState } from '../../server/store/stream-state';
import { ingestLatest } from '../../server/store/price-writes';
import type { RunningServer } from '../../server/start';
import { describeCluster, startTestCluster, type TestCluster } from '../helpers/cluster-harness';
import { randomFilter, randomLatest, viewMismatches } from '../helpers/cluster-market';
import { updatesOf } from '../helpers/client-view';
import { useClusterClients, viewOf, type ClusterClient as Client } from '../helpers/cluster-clients';
import { createRandom } from '../helpers/seeded-random';
import { waitFor } from '../helpers/wait-for';
import { LATEST } from '../helpers/wiki-fixtures';

const t = useClusterClients();
const connect = t.connect;

async function syncRounds(c: TestCluster, db: RunningServer['store']['db'], rounds: number, seed: number): Promise<void> {
  const random = createRandom(seed);
  let data: Record<string, unknown> = LATEST.data;
  for (let round = 1; round <= rounds; round += 1) {
    const before = (await readStreamState(db)).seq;
    data = randomLatest(random, data, round);
    c.wiki.setLatest({ data });
    await waitFor(`sync round ${round}`, async () => (await readStreamState(db)).seq > before);
  }
}

describeCluster('the live log across instances', (createDatabase) => {
  it('brings every client on every instance to the store state for its filter, nothing twice, nothing lost', async () => {
    const cluster = t.cluster = await startTestCluster(await createDatabase(), 3);
    const leader = await cluster.synced();
    const { db } = leader.store;
    const epoch = (await readStreamState(db)).epoch;
    const random = createRandom(9);
    const clients: Client[] = [];
    for (const instance of cluster.instances) {
      for (let i = 0; i < 4; i += 1) clients.push(await connect(instance, randomFilter(random), `${epoch}.0`));
    }
    await syncRounds(cluster, db, 8, 17);
    for (const client of clients) {
      await waitFor('the client to converge', async () => (await viewMismatches(db, viewOf(client), client.filter)).length === 0);
      expect(viewOf(client)).toMatchObject({ duplicates: 0, regressions: 0, resyncs: 0 });
    }
  });

  it('gives a client that moves to another instance with its id exactly what it missed', async () => {
    const cluster = t.cluster = await startTestCluster(await createDatabase(), 2);
    const leader = await cluster.leader();
    const { db } = leader.store;
    const [first, second] = cluster.instances as [RunningServer, RunningServer];
    const client = await connect(first, null, `${(await readStreamState(db)).epoch}.0`);
    await syncRounds(cluster, db, 3, 5);
    await waitFor('the first instance to deliver', async () => (await viewMismatches(db, viewOf(client), null)).length === 0);
    const cursor = viewOf(client).cursor ?? '';
    client.stream.close();
    await syncRounds(cluster, db, 3, 6);
    const moved = await connect(second, null, cursor);
    const missed = (await readStreamState(db)).seq;
    await waitFor('the catch-up', () => moved.stream.events.some((e) => e.id === formatEventId({ epoch: cursor.split('.')[0] ?? '', seq: missed })));
    const resumed: Client = { filter: null, stream: { ...client.stream, events: [...client.stream.events, ...moved.stream.events] } };
    expect(await viewMismatches(db, viewOf(resumed), null)).toEqual([]);
    expect(viewOf(resumed)).toMatchObject({ duplicates: 0, regressions: 0, resyncs: 0 });
  });

  it('holds a client whose id is ahead of the instance it reached, then serves it exactly', async () => {
    const cluster = t.cluster = await startTestCluster(await createDatabase(), 1);
    const leader = await cluster.leader();
    const { db } = leader.store;
    await waitFor('the first sync', async () => (await readStreamState(db)).seq > 0);
    const term = leader.cluster?.status().term ?? 0;
    // A commit the log never carried: as if another instance had read further than this one.
    const hidden = await ingestLatest(db, [{ itemId: 2, high: 999, highTime: 1, low: 990, lowTime: 1 }], { term });
    const ahead = await connect(leader, [2, 561], formatEventId(hidden));
    const resumeAt = hidden.seq - 1;
    const behind = await connect(leader, [2], formatEventId({ epoch: hidden.epoch, seq: resumeAt }));
    await waitFor('both to be served', () => ahead.stream.events.some((e) => e.event === 'connected') && behind.stream.events.length > 1);
    expect(ahead.stream.events.map((e) => e.event)).not.toContain('resync');
    // Served as of the hidden commit or later (the leader goes on syncing): item 2 as the store has it.
    const caughtUp = behind.stream.events.flatMap(updatesOf);
    expect(caughtUp[0]?.seq).toBeGreaterThanOrEqual(hidden.seq);
    await waitFor('the behind client to converge', async () => (await viewMismatches(db, viewOf(behind), [2])).length === 0);
    expect(viewOf(behind)).toMatchObject({ duplicates: 0, regressions: 0, resyncs: 0 });
  });
});

// Model-based: random syncs, random disconnects, reconnects (by query or header) and stalls of
// many clients with random filters. Whatever happened, every client must end with exactly the
// server's state for its filter, having applied no update twice and none out of order. Run on one
// process, and on a cluster of three (below).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStreamState } from '../../server/store/stream-state';
import { addItems, applyChanges, priceMove } from '../helpers/apply-changes';
import { applyToView, createClientView, type ClientView } from '../helpers/client-view';
import { createRandom, type Random } from '../helpers/seeded-random';
import { openRawStream, type RawStream } from '../helpers/sse-reader';
import type { SseMessage } from '../helpers/sse-parse';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';
import { describeCluster, startTestCluster } from '../helpers/cluster-harness';
import { useClusterClients } from '../helpers/cluster-clients';
import { viewMismatches } from '../helpers/cluster-market';
import { checkHistory, readCommits } from '../helpers/cluster-log-truth';
import { waitFor } from '../helpers/wait-for';
import { T0 } from '../helpers/wiki-fixtures';

const SEED = Number(process.env.STREAM_MODEL_SEED ?? 20260526);
const ITEM_COUNT = 600;
const CLIENTS = 30;
const SYNCS = 40;

interface ModelClient {
  filter: number[] | null;
  view: ClientView;
  stream: RawStream | undefined;
  applied: number;
  paused: boolean;
}

let server: StreamServer;
let epoch = '';
const random = createRandom(SEED);
const ids = Array.from({ length: ITEM_COUNT }, (_, i) => i + 1);
const clients: ModelClient[] = Array.from({ length: CLIENTS }, () => ({
  filter: random.chance(0.3) ? null : random.sample(ids, random.int(1, 40)).sort((a, b) => a - b),
  view: createClientView(),
  stream: undefined,
  applied: 0,
  paused: false,
}));

function absorb(client: ModelClient): void {
  const events = client.stream?.events ?? [];
  for (const event of events.slice(client.applied)) applyToView(client.view, event);
  client.applied = events.length;
}

async function connect(client: ModelClient): Promise<void> {
  const resumeId = client.view.cursor ?? `${epoch}.0`;
  const filter = client.filter === null ? '' : `items=${client.filter.join(',')}`;
  const byHeader = random.chance(0.5);
  const query = [filter, byHeader ? '' : `since=${resumeId}`].filter((part) => part !== '').join('&');
  client.stream = await openRawStream(`${server.url}/api/v1/prices/stream?${query}`, byHeader ? { 'Last-Event-ID': resumeId } : {});
  client.applied = 0;
  client.paused = false;
}

function disconnect(client: ModelClient): void {
  client.stream?.close();
  absorb(client);
  client.stream = undefined;
}

beforeAll(async () => {
  server = await startStreamServer({ SSE_MAX_CLIENTS: '0', SSE_MAX_CLIENTS_PER_IP: '0' });
  await addItems(server.store.db, ids);
  epoch = (await readStreamState(server.store.db)).epoch;
});

afterAll(async () => {
  for (const client of clients) client.stream?.close();
  await server.close();
});

describe(`the stream under random syncs, disconnects and stalls (seed ${SEED})`, () => {
  it('leaves every client with exactly the server state for its filter, with no duplicate and no regression', async () => {
    await applyChanges(server.store.db, server.feed, ids.map((id) => priceMove(id, 0)));
    for (const client of clients) await connect(client);

    for (let step = 1; step <= SYNCS; step += 1) {
      for (const client of clients) {
        if (client.stream === undefined) {
          if (random.chance(0.5)) await connect(client);
        } else if (random.chance(0.15)) {
          disconnect(client);
        } else if (!client.paused && random.chance(0.1)) {
          client.paused = true;
          client.stream.pause();
        } else if (client.paused && random.chance(0.3)) {
          client.paused = false;
          client.stream.resume();
        }
      }
      // Sometimes a burst: syncs committed back to back, before any socket could drain, so clients
      // behind a big batch merge the next ones into their pending state.
      const burst = random.chance(0.3) ? random.int(2, 3) : 1;
      const commits = Array.from({ length: burst }, (_, i) => {
        const changed = random.sample(ids, random.chance(0.3) ? random.int(300, ITEM_COUNT) : random.int(1, 40));
        return applyChanges(server.store.db, server.feed, changed.map((id) => priceMove(id, step * 10 + i)));
      });
      const [committed] = (await Promise.all(commits)).slice(-1);
      if (committed === undefined) throw new Error('a step commits at least one sync');
      if (random.chance(0.5)) {
        const id = `${committed.epoch}.${committed.seq}`;
        await Promise.all(clients.map((c) => (c.stream && !c.paused ? c.stream.next((e) => e.id === id) : undefined)));
      }
    }

    for (const client of clients) {
      if (client.stream === undefined) await connect(client);
      else if (client.paused) client.stream.resume();
    }
    const last = await applyChanges(server.store.db, server.feed, [priceMove(1, SYNCS + 1)]);
    const lastId = `${last.epoch}.${last.seq}`;
    await Promise.all(clients.map((c) => c.stream?.next((e) => e.event === 'sync-complete' && e.id === lastId, 0, 15_000)));

    const truth = await server.store.db.selectFrom('latest_prices').select(['item_id', 'high', 'low', 'seq']).execute();
    for (const client of clients) {
      absorb(client);
      const wanted = client.filter === null ? truth : truth.filter((row) => client.filter?.includes(row.item_id));
      const expected = wanted.map((row) => [row.item_id, Number(row.seq), Number(row.high), Number(row.low)]);
      const held = [...client.view.prices.values()].map((u) => [u.item_id, u.seq, u.high, u.low]);
      const byId = (a: Array<number | null>, b: Array<number | null>): number => (a[0] ?? 0) - (b[0] ?? 0);
      expect(held.sort(byId)).toEqual(expected.sort(byId));
      expect(client.view).toMatchObject({ duplicates: 0, regressions: 0, resyncs: 0, cursor: lastId });
    }
  });
});

// The same model across a cluster: three instances on one PostgreSQL and one Redis, syncs by the
// leader from a wiki whose prices move at random, clients with random filters dropped and
// reconnected to a random instance with their Last-Event-ID. Checked against the leader's every
// commit in the live log: at each id a client was given it held exactly that seq's state.
const CLUSTER_ITEMS = 150;
const CLUSTER_CLIENTS = 18;
const CLUSTER_SYNCS = 16;
const clusterIds = Array.from({ length: CLUSTER_ITEMS }, (_, i) => 20_000 + i);
const t = useClusterClients();

interface ClusterModelClient {
  filter: number[] | null;
  /** Every event of every connection so far, in order: what the PWA would have applied. */
  events: SseMessage[];
  stream: RawStream | undefined;
}

function movedPrices(rnd: Random, previous: Record<string, unknown>, round: number, share: number): Record<string, unknown> {
  const data = { ...previous };
  for (const id of rnd.sample(clusterIds, Math.max(1, Math.round(clusterIds.length * share)))) {
    const high = rnd.int(100, 2_000_000);
    data[String(id)] = { high, highTime: T0 + round, low: high - rnd.int(0, 99), lowTime: T0 + round };
  }
  return data;
}

describeCluster(`the stream across three instances under random syncs, drops and moves (seed ${SEED})`, (createDatabase) => {
  it('gives every client, wherever it reconnects, exactly the leader\'s state for its filter at every id: no gap, no duplicate', async () => {
    const rnd = createRandom(SEED);
    const cluster = t.cluster = await startTestCluster(await createDatabase(), 0);
    cluster.wiki.setMapping(clusterIds.map((id) => ({ id, name: `Item ${id}`, examine: 'A test item.', members: false, icon: 'x.png' })));
    let prices = movedPrices(rnd, {}, 0, 1);
    cluster.wiki.setLatest({ data: prices });
    for (let i = 0; i < 3; i += 1) await cluster.startInstance();
    const leader = await cluster.synced();
    const { db } = leader.store;
    const epoch = (await readStreamState(db)).epoch;
    const instances = cluster.instances;
    const clients: ClusterModelClient[] = Array.from({ length: CLUSTER_CLIENTS }, () => ({
      filter: rnd.chance(0.3) ? null : rnd.sample(clusterIds, rnd.int(1, 20)),
      events: [],
      stream: undefined,
    }));
    const cursorOf = (client: ClusterModelClient): string => [...client.events].reverse().find((e) => e.id !== undefined)?.id ?? `${epoch}.0`;
    const reconnect = async (client: ClusterModelClient): Promise<void> => {
      const instance = instances[rnd.int(0, instances.length - 1)];
      if (instance === undefined) throw new Error('no instance');
      client.stream = (await t.connect(instance, client.filter, cursorOf(client))).stream;
    };
    const drop = (client: ClusterModelClient): void => {
      client.stream?.close();
      client.events.push(...(client.stream?.events ?? []));
      client.stream = undefined;
    };
    for (const client of clients) await reconnect(client);

    for (let round = 1; round <= CLUSTER_SYNCS; round += 1) {
      for (const client of clients) {
        if (client.stream === undefined) {
          if (rnd.chance(0.5)) await reconnect(client);
        } else if (rnd.chance(0.25)) drop(client);
      }
      const before = (await readStreamState(db)).seq;
      prices = movedPrices(rnd, prices, round, rnd.chance(0.3) ? 0.8 : 0.05);
      cluster.wiki.setLatest({ data: prices });
      const committed = await waitFor(`sync round ${round}`, async () => {
        const state = await readStreamState(db);
        return state.seq > before ? state : undefined;
      }, 10_000);
      // Sometimes the next change comes before the clients were given this one.
      if (rnd.chance(0.5)) {
        const id = `${committed.epoch}.${committed.seq}`;
        await Promise.all(clients.map((c) => c.stream?.next((e) => e.id === id, 0, 10_000)));
      }
    }

    for (const client of clients) if (client.stream === undefined) await reconnect(client);
    const head = await readStreamState(db);
    const lastId = `${head.epoch}.${head.seq}`;
    // Syncs without changes go on announcing the same id, so every client is given it.
    await Promise.all(clients.map((c) => c.stream?.next((e) => e.id === lastId, 0, 15_000)));
    for (const client of clients) drop(client);

    const commits = await readCommits(cluster.redis.url, cluster.env.REDIS_PREFIX ?? '');
    expect(commits[commits.length - 1]?.seq).toBeGreaterThanOrEqual(head.seq);
    for (const client of clients) {
      const { view, gaps } = checkHistory(commits, client.events, client.filter);
      expect(gaps).toEqual([]);
      expect(view).toMatchObject({ duplicates: 0, regressions: 0, resyncs: 0, cursor: lastId });
      expect(await viewMismatches(db, view, client.filter)).toEqual([]);
    }
  });
});

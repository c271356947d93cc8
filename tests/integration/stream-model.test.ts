// Model-based: random syncs, random disconnects, reconnects (by query or header) and stalls of
// many clients with random filters. Whatever happened, every client must end with exactly the
// server's state for its filter, having applied no update twice and none out of order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStreamState } from '../../server/store/stream-state';
import { addItems, applyChanges, priceMove } from '../helpers/apply-changes';
import { applyToView, createClientView, type ClientView } from '../helpers/client-view';
import { createRandom } from '../helpers/seeded-random';
import { openRawStream, type RawStream } from '../helpers/sse-reader';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';

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

// Child process: one hub under test on loopback, behind the real app (Koa, router, error
// middleware), over an in-memory store seeded with ITEM_COUNT priced items. Ours is the real
// stream service; a peer is mounted in its place, so the app around them is the same. The
// benchmark drives this process over IPC, so its RSS is the server's alone.
import { setTimeout as sleep } from 'node:timers/promises';
import type { StreamService, StreamServiceDeps } from '../server/stream/stream-service';
import { addItems, commitChanges, priceMove } from '../tests/helpers/apply-changes';
import { startStreamServer } from '../tests/helpers/stream-server';
import { serveParent } from './stream-ipc';
import {
  BACKLOG, ITEM_COUNT, type BenchHub, type HubName, type ServerCalls, type ServerReady,
} from './stream-bench-hub';
import { createNaiveHub } from './stream-naive-hub';
import { createBetterSseHub } from './stream-better-sse-hub';

const settle = async (): Promise<void> => {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i += 1) {
    gc?.();
    await sleep(100);
  }
};

/** A peer hub in the stream service's place: the same route hands it the raw request. */
function peerService(create: (cursor: () => { epoch: string; seq: number }) => BenchHub, deps: StreamServiceDeps): StreamService {
  let cursor = { epoch: '', seq: 0 };
  const hub = create(() => cursor);
  return {
    start: async () => {
      deps.feed.subscribe((committed) => {
        cursor = { epoch: committed.epoch, seq: committed.seq };
        hub.publish(committed);
      });
    },
    handle: async (ctx) => {
      ctx.respond = false;
      await hub.handle(ctx.req, ctx.res);
    },
    clientCount: () => hub.clients(),
    close: async () => {},
  };
}

async function main(): Promise<void> {
  const hubName = process.argv[2] as HubName;
  const peers = { naive: createNaiveHub, 'better-sse': createBetterSseHub };
  const server = await startStreamServer(
    { SSE_MAX_CLIENTS: '0', SSE_MAX_CLIENTS_PER_IP: '0' },
    { backlog: BACKLOG, createStream: hubName === 'ours' ? undefined : (deps) => peerService(peers[hubName], deps) },
  );
  const { db } = server.store;
  const ids = Array.from({ length: ITEM_COUNT }, (_, i) => i + 1);
  await addItems(db, ids);
  const seeded = await commitChanges(db, ids.map((id) => priceMove(id, 0)));
  server.feed.publish(seeded);

  const handlers: ServerCalls = {
    rss: async () => {
      await settle();
      return { rss: process.memoryUsage().rss, clients: server.stream?.clientCount() ?? 0 };
    },
    sync: async ({ itemIds, step }) => {
      const committed = await commitChanges(db, itemIds.map((id) => priceMove(id, step)));
      const committedAt = performance.timeOrigin + performance.now();
      const started = performance.now();
      server.feed.publish(committed);
      const loopMs = performance.now() - started;
      await new Promise((resolve) => setImmediate(resolve));
      return { seq: committed.seq, committedAt, loopMs, flushMs: performance.now() - started };
    },
    truth: async () => {
      const rows = await db.selectFrom('latest_prices').select(['item_id', 'seq']).execute();
      return rows.map((row): [number, number] => [row.item_id, Number(row.seq)]);
    },
  };
  const ready: ServerReady = { port: Number(new URL(server.url).port), epoch: seeded.epoch, seq: seeded.seq };
  serveParent(ready, handlers);
}

void main();

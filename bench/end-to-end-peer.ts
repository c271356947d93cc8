// Child process: the end-to-end benchmark's peer. A bare node:http server with better-sse (one
// channel per distinct filter, bench/stream-better-sse-hub.ts) that fetches the same /latest,
// diffs it in memory against the previous answer (no validation, no store) and broadcasts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PriceChange } from '../server/change-feed';
import { diffLatest, type ItemLegs } from '../server/store/price-diff';
import { serveParent } from './stream-ipc';
import { BACKLOG } from './stream-bench-hub';
import { createBetterSseHub } from './stream-better-sse-hub';
import type { EndToEndCalls, EndToEndReady } from './end-to-end-calls';

const EPOCH = 'peer';
const now = (): number => performance.timeOrigin + performance.now();

interface RawEntry {
  high: number | null;
  highTime: number | null;
  low: number | null;
  lowTime: number | null;
}

async function main(): Promise<void> {
  const [upstreamUrl = ''] = process.argv.slice(2);
  let seq = 0;
  const prices = new Map<number, ItemLegs>();
  const hub = createBetterSseHub(() => ({ epoch: EPOCH, seq }));
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/api/v1/prices/stream')) void hub.handle(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: BACKLOG }, resolve));

  const sync = async (): Promise<{ changes: number; publishedAt: number; flushedAt: number }> => {
    const response = await fetch(`${upstreamUrl}/latest`, { headers: { 'user-agent': 'ge-tracker-bench/peer' } });
    // Taken as it comes: this peer trusts the wiki, as the measure asks of it.
    const body = (await response.json()) as { data: Record<string, RawEntry> };
    const snapshot = Object.entries(body.data).map(([key, legs]): ItemLegs => ({ itemId: Number(key), ...legs }));
    const changed = diffLatest(prices, snapshot);
    const changes: PriceChange[] = changed.map((legs) => ({ ...legs, seq: (seq += 1) }));
    for (const change of changed) prices.set(change.itemId, change);
    hub.publish({ epoch: EPOCH, seq, committedAt: Date.now(), changes });
    const publishedAt = now();
    const flushedAt = await new Promise<number>((resolve) => setImmediate(() => resolve(now())));
    return { changes: changes.length, publishedAt, flushedAt };
  };
  const handlers: EndToEndCalls = {
    prepare: async () => {
      await sync();
      return seq;
    },
    sync: async () => {
      const startedAt = now();
      const done = await sync();
      return { seq, ...done, startedAt, endedAt: now() };
    },
  };
  serveParent({ port: (server.address() as AddressInfo).port } satisfies EndToEndReady, handlers);
}

void main();

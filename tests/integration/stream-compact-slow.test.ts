// A compact-format client that stops reading: while backed up the hub keeps only where it stopped,
// and on drain sends one catch-up from there with every leg changed meanwhile.
import { connect as connectTcp } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LatestPricesResponseSchema } from '../../shared/protocol/api';
import { addItems, applyChanges, type PriceInput } from '../helpers/apply-changes';
import { applyCompactEvent, createCompactView, legsOf } from '../helpers/compact-view';
import { createSseParser, type SseMessage } from '../helpers/sse-parse';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';
import { waitFor } from '../helpers/wait-for';

const ITEM_COUNT = 3000;
const MAX_SYNCS = 300;
const servers: StreamServer[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** The body of a chunked HTTP/1.1 response read so far (complete chunks only). */
function dechunk(raw: Buffer): string {
  let at = raw.indexOf('\r\n\r\n') + 4;
  const parts: Buffer[] = [];
  while (at > 3 && at < raw.length) {
    const eol = raw.indexOf('\r\n', at);
    if (eol === -1) break;
    const size = parseInt(raw.subarray(at, eol).toString(), 16);
    if (!(size > 0) || eol + 2 + size > raw.length) break;
    parts.push(raw.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts).toString();
}

/** Both legs move on even steps, only the low leg on odd ones: a drain must merge them. */
const move = (itemId: number, step: number): PriceInput => ({
  itemId,
  high: 1_000_000 + itemId * 10 + Math.floor(step / 2) * 2,
  highTime: 1_748_000_000 + Math.floor(step / 2) * 2,
  low: 900_000 + itemId * 10 + step,
  lowTime: 1_748_000_000 + step,
});

describe('a compact-format client that stops reading', () => {
  it('gets one catch-up with every leg changed while it was backed up, and ends exactly at the server\'s prices', async () => {
    const live = await startStreamServer({ SSE_SLOW_CLIENT_MAX_WAIT: '1h', SSE_SLOW_CLIENT_MAX_BYTES: '1000000000' });
    servers.push(live);
    const ids = Array.from({ length: ITEM_COUNT }, (_, i) => i + 1);
    await addItems(live.store.db, ids);
    await applyChanges(live.store.db, live.feed, ids.map((id) => move(id, 0)));
    const view = createCompactView();
    const start = LatestPricesResponseSchema.parse(await (await fetch(`${live.url}/api/v1/prices/latest`)).json());
    for (const [id, legs] of legsOf(start)) view.prices.set(id, legs);

    const { hostname, port } = new URL(live.url);
    const socket = connectTcp(Number(port), hostname);
    socket.write(`GET /api/v1/prices/stream?format=p1 HTTP/1.1\r\nHost: ${hostname}\r\nAccept: text/event-stream\r\n\r\n`);
    socket.pause();
    socket.on('error', () => {});
    // Closed with the server (its sockets are destroyed at shutdown).
    await waitFor('the client to register', () => live.stream?.clientCount() === 1);

    const written = async (): Promise<number> => {
      const text = await live.metrics.registry.getSingleMetricAsString('ge_sse_events_total');
      return Number(/type="p1"} (\d+)/.exec(text)?.[1] ?? 0);
    };
    let step = 0;
    let skipped = 0;
    // Until the hub has held back several syncs for it (its socket full), then a few more.
    while (step < MAX_SYNCS && skipped < 3) {
      step += 1;
      const before = await written();
      await applyChanges(live.store.db, live.feed, ids.map((id) => move(id, step)));
      if ((await written()) === before) skipped += 1;
    }
    expect(skipped).toBe(3);

    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.resume();
    const expected = legsOf(LatestPricesResponseSchema.parse(await (await fetch(`${live.url}/api/v1/prices/latest`)).json()));
    let events: SseMessage[] = [];
    await waitFor('the drained client to hold the server\'s prices', () => {
      events = [];
      createSseParser((m) => events.push(m)).push(dechunk(Buffer.concat(received)));
      const probe = createCompactView();
      for (const [id, legs] of view.prices) probe.prices.set(id, legs);
      for (const event of events) applyCompactEvent(probe, event);
      return probe.garbage === 0 && JSON.stringify([...probe.prices]) === JSON.stringify([...expected]) ? probe : undefined;
    }, 30_000);
    expect(events.filter((e) => e.event === 'p1').length).toBeLessThan(step);
  });
});

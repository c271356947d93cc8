import { connect as connectTcp, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { addItems, applyChanges, priceMove } from '../helpers/apply-changes';
import { applyToView, createClientView } from '../helpers/client-view';
import { createSseParser, type SseMessage } from '../helpers/sse-parse';
import { openRawStream, type RawStream } from '../helpers/sse-reader';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';
import { waitFor } from '../helpers/wait-for';

const ITEM_COUNT = 3000;
const MAX_SYNCS = 40;
let server: StreamServer | undefined;
const cleanups: Array<() => void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await server?.close();
  server = undefined;
});

/** A client that sends its request and then stops reading, as a stalled phone would. */
function openStalledSocket(url: string): Socket {
  const { hostname, port } = new URL(url);
  const socket = connectTcp(Number(port), hostname);
  socket.write(`GET /api/v1/prices/stream HTTP/1.1\r\nHost: ${hostname}\r\nAccept: text/event-stream\r\n\r\n`);
  socket.pause();
  socket.on('error', () => {});
  cleanups.push(() => socket.destroy());
  return socket;
}

describe.each([
  ['too long', { SSE_SLOW_CLIENT_MAX_WAIT: '300ms' }],
  ['with too many bytes waiting', { SSE_SLOW_CLIENT_MAX_BYTES: '1024', SSE_SLOW_CLIENT_MAX_WAIT: '1h' }],
])('a client that stops reading and stays backed up %s', (_bound, env) => {
  it('is cut while a fast client keeps receiving every sync, and catches up when it returns', async () => {
    server = await startStreamServer(env);
    const ids = Array.from({ length: ITEM_COUNT }, (_, i) => i + 1);
    await addItems(server.store.db, ids);
    const fast: RawStream = await openRawStream(`${server.url}/api/v1/prices/stream`);
    cleanups.push(() => fast.close());
    const stalled = openStalledSocket(server.url);
    const live = server;
    await waitFor('both clients to register', () => live.stream?.clientCount() === 2);

    let syncs = 0;
    const cuts = async (): Promise<string> => live.metrics.registry.getSingleMetricAsString('ge_sse_slow_client_cuts_total');
    while (syncs < MAX_SYNCS && !(await cuts()).includes('total 1')) {
      syncs += 1;
      const committed = await applyChanges(live.store.db, live.feed, ids.map((id) => priceMove(id, syncs)));
      await fast.next((e) => e.event === 'sync-complete' && e.id === `${committed.epoch}.${committed.seq}`);
    }
    expect(await cuts()).toContain('total 1');
    expect(live.stream?.clientCount()).toBe(1);
    expect(fast.events.filter((e) => e.event === 'sync-complete')).toHaveLength(syncs);

    // What the stalled client had been sent before the cut, read now, ends without the last syncs.
    const received: SseMessage[] = [];
    const parser = createSseParser((m) => received.push(m));
    let ended = false;
    stalled.setEncoding('utf8');
    stalled.on('data', (chunk: string) => parser.push(chunk));
    stalled.on('close', () => {
      ended = true;
    });
    stalled.resume();
    await waitFor('the cut socket to close', () => ended);
    const view = createClientView();
    for (const event of received) applyToView(view, event);
    expect(view.cursor).not.toBe(fast.events.at(-1)?.id);

    const back = await openRawStream(`${live.url}/api/v1/prices/stream`, { 'Last-Event-ID': view.cursor ?? '' });
    cleanups.push(() => back.close());
    await back.next((e) => e.event === 'price-batch');
    for (const event of back.events) applyToView(view, event);
    expect(view.prices.size).toBe(ITEM_COUNT);
    expect([...view.prices.values()].every((u) => u.high === priceMove(u.item_id, syncs).high)).toBe(true);
    expect(view).toMatchObject({ duplicates: 0, regressions: 0, resyncs: 0 });
  });
});

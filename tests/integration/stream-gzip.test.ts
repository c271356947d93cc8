import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { LatestPricesResponseSchema } from '../../shared/protocol/api';
import { addItems, applyChanges, priceMove } from '../helpers/apply-changes';
import { applyCompactEvent, createCompactView, legsOf } from '../helpers/compact-view';
import { openGzipStream, type GzipStream } from '../helpers/gzip-stream';
import { createSseParser, type SseMessage } from '../helpers/sse-parse';
import { openRawStream } from '../helpers/sse-reader';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';
import { waitFor } from '../helpers/wait-for';

const IDS = Array.from({ length: 400 }, (_, i) => i + 1);
let server: StreamServer | undefined;
const streams: Array<{ close(): void }> = [];

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await server?.close();
  server = undefined;
});

async function start(env: Record<string, string> = {}): Promise<StreamServer> {
  server = await startStreamServer(env);
  await addItems(server.store.db, IDS);
  await applyChanges(server.store.db, server.feed, IDS.map((id) => priceMove(id, 0)));
  return server;
}

async function open(s: StreamServer, query: string): Promise<GzipStream> {
  const stream = await openGzipStream(`${s.url}/api/v1/prices/stream${query}`);
  streams.push(stream);
  return stream;
}

const sync = (s: StreamServer, step: number) => applyChanges(s.store.db, s.feed, IDS.filter((id) => id % 3 === step % 3).map((id) => priceMove(id, step)));

function parseAll(text: string): SseMessage[] {
  const events: SseMessage[] = [];
  createSseParser((m) => events.push(m)).push(text);
  return events;
}

/** A gzip and a plain client of the compact stream, both connected. */
async function compactPair() {
  const s = await start();
  const zipped = await open(s, '?format=p1');
  const plain = await openRawStream(`${s.url}/api/v1/prices/stream?format=p1`);
  streams.push(plain);
  await zipped.next((e) => e.event === 'connected');
  await plain.next((e) => e.event === 'connected');
  return { s, zipped, plain };
}

/** Five syncs, each client having read the last. */
async function fiveSyncsReceived(...clients: Array<{ next: GzipStream['next'] }>): Promise<void> {
  let id = '';
  for (let step = 1; step <= 5; step += 1) {
    const committed = await sync(server!, step);
    id = `${committed.epoch}.${committed.seq}`;
  }
  for (const client of clients) await client.next((e) => e.id === id);
}

describe('the stream compressed with gzip', () => {
  it('is gzip only for a client that accepts it, with the headers that keep proxies from buffering it', async () => {
    const s = await start();
    const zipped = await open(s, '?format=p1');
    expect(zipped.headers).toMatchObject({
      'content-encoding': 'gzip',
      vary: 'Accept-Encoding',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      'content-type': 'text/event-stream; charset=utf-8',
    });
    const plain = await openRawStream(`${s.url}/api/v1/prices/stream`);
    streams.push(plain);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    await plain.next((e) => e.event === 'connected');
    const refused = await openRawStream(`${s.url}/api/v1/prices/stream`, { 'Accept-Encoding': 'gzip;q=0, br' });
    streams.push(refused);
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('decodes each event as it arrives, not when the stream ends', async () => {
    const s = await start();
    const stream = await open(s, '?format=p1');
    await stream.next((e) => e.event === 'connected');
    for (let step = 1; step <= 3; step += 1) {
      const committed = await sync(s, step);
      await stream.next((e) => e.event === 'p1' && e.id === `${committed.epoch}.${committed.seq}`);
    }
    expect(stream.ended()).toBe(false);
  });

  it('serves clients that join mid-stream, each with its own header and catch-up, all decoding exactly', async () => {
    const s = await start();
    const early = await open(s, '?format=p1');
    const earlyJson = await open(s, '');
    await early.next((e) => e.event === 'connected');
    await sync(s, 1);
    const late = await open(s, '?format=p1');
    await late.next((e) => e.event === 'connected');
    // The late client holds the snapshot of the moment it joined, as the app does, then takes events.
    const lateView = createCompactView();
    const atJoin = LatestPricesResponseSchema.parse(await (await fetch(`${s.url}/api/v1/prices/latest`)).json());
    for (const [id, legs] of legsOf(atJoin)) lateView.prices.set(id, legs);
    const resumed = await open(s, `?format=p1&since=${(await early.next((e) => e.event === 'p1')).id ?? ''}`);
    let last = '';
    for (let step = 2; step <= 6; step += 1) {
      const committed = await sync(s, step);
      last = `${committed.epoch}.${committed.seq}`;
      if (step === 3) await sync(s, 30);
    }
    const server = LatestPricesResponseSchema.parse(await (await fetch(`${s.url}/api/v1/prices/latest`)).json());
    const expected = legsOf(server);
    for (const stream of [early, resumed, late]) await stream.next((e) => e.event === 'p1' && e.id === `${server.epoch}.${server.seq}`);
    await earlyJson.next((e) => e.event === 'sync-complete' && e.id === `${server.epoch}.${server.seq}`);
    const earlyView = createCompactView();
    const ids = IDS.map((id) => [id, priceMove(id, 0)] as const);
    for (const [id, { high, highTime, low, lowTime }] of ids) earlyView.prices.set(id, { high, highTime, low, lowTime });
    for (const event of early.events) applyCompactEvent(earlyView, event);
    expect(earlyView).toMatchObject({ prices: expected, cursor: last, garbage: 0 });
    const resumedView = createCompactView();
    for (const [id, legs] of earlyView.prices) resumedView.prices.set(id, legs);
    for (const event of resumed.events) applyCompactEvent(resumedView, event);
    expect(resumedView).toMatchObject({ prices: expected, cursor: last, garbage: 0 });
    for (const event of late.events) applyCompactEvent(lateView, event);
    expect(lateView).toMatchObject({ prices: expected, cursor: last, garbage: 0 });
    expect(earlyJson.events.filter((e) => e.event === 'sync-complete')).toHaveLength(7);
  });

  it.each([
    ['at the connection timeout', { SSE_CONNECTION_TIMEOUT: '600ms', SSE_RETRY: '100ms' }, (_s: StreamServer) => Promise.resolve()],
    ['at shutdown', {}, (s: StreamServer) => s.close()],
  ])('ends %s with a timeout event and a correct gzip trailer (a strict gunzip of the whole body agrees)', async (_when, env, end) => {
    const s = await start(env);
    const stream = await open(s, '?format=p1');
    await stream.next((e) => e.event === 'connected');
    await sync(s, 1);
    await stream.next((e) => e.event === 'p1');
    await end(s);
    await stream.next((e) => e.event === 'timeout', 0, 10_000);
    await waitFor('the stream to end', () => stream.ended());
    // gunzipSync checks the trailer's CRC-32 and length, and fails on a missing or wrong one.
    const whole = parseAll(gunzipSync(stream.compressed()).toString());
    expect(whole.map((e) => e.event)).toEqual(stream.events.map((e) => e.event));
    expect(whole.at(-1)?.event).toBe('timeout');
    // Shut down already: nothing left for afterEach to close.
    if (_when === 'at shutdown') server = undefined;
  });

  it('compresses the compact stream to well under half its size', async () => {
    const { zipped, plain } = await compactPair();
    const before = { zipped: zipped.compressed().length, plain: plain.bytesRead() };
    await fiveSyncsReceived(zipped, plain);
    expect(zipped.compressed().length - before.zipped).toBeLessThan((plain.bytesRead() - before.plain) / 2);
  });

  it('counts on /metrics what crossed the wire after compression, by encoding', async () => {
    const { s, zipped, plain } = await compactPair();
    await fiveSyncsReceived(zipped, plain);
    const wire = async () => {
      const metric = await s.metrics.registry.getSingleMetric('ge_sse_wire_bytes_total')!.get();
      return Object.fromEntries(metric.values.map((v) => [v.labels.encoding, v.value]));
    };
    // Exactly the compressed bytes the one gzip client read, header and pieces included.
    await waitFor('the gzip count to equal what the client read', async () => (await wire()).gzip === zipped.compressed().length || undefined);
    const { gzip, identity } = await wire();
    expect(identity).toBeGreaterThan(2 * gzip!);
    // The event bytes (before compression) count both clients' events alike.
    const events = await s.metrics.registry.getSingleMetric('ge_sse_bytes_total')!.get();
    const p1 = events.values.find((v) => v.labels.type === 'p1')!.value;
    expect(p1).toBeGreaterThan(identity! / 2 + gzip!);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import {
  ConnectedEventSchema, HeartbeatEventSchema, SyncCompleteEventSchema, TimeoutEventSchema,
} from '../../shared/protocol/events';
import { ErrorBodySchema } from '../../shared/protocol/api';
import { addItems, applyChanges, priceMove } from '../helpers/apply-changes';
import { updatesOf } from '../helpers/client-view';
import { openEventSource, type RecordingEventSource } from '../helpers/event-source-client';
import { openRawStream, readRefusal, type RawStream } from '../helpers/sse-reader';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';
import { waitFor } from '../helpers/wait-for';
import { captureLogger } from '../helpers/capture-logger';

const ITEMS = [2, 561, 4151, 11832, 13190];
let server: StreamServer | undefined;
const open: Array<RawStream | RecordingEventSource> = [];

async function start(env: Record<string, string> = {}, logger?: ReturnType<typeof captureLogger>['logger']): Promise<StreamServer> {
  server = await startStreamServer(env, { logger });
  await addItems(server.store.db, ITEMS);
  return server;
}

async function raw(path: string, headers: Record<string, string> = {}): Promise<RawStream> {
  const stream = await openRawStream(`${server?.url}${path}`, headers);
  open.push(stream);
  return stream;
}

afterEach(async () => {
  for (const stream of open.splice(0)) stream.close();
  await server?.close();
  server = undefined;
});

describe('the price stream', () => {
  it('opens with event-stream headers, a retry field and a connected event carrying the cursor', async () => {
    const s = await start({ SSE_RETRY: '2s' });
    await applyChanges(s.store.db, s.feed, [priceMove(4151, 1)]);
    const stream = await raw('/api/v1/prices/stream');
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.headers['cache-control']).toBe('no-cache, no-transform');
    expect(stream.headers.connection).toBe('keep-alive');
    expect(stream.headers['x-accel-buffering']).toBe('no');
    expect(stream.headers['content-encoding']).toBeUndefined();
    const connected = await stream.next(() => true);
    expect(connected.event).toBe('connected');
    const payload = ConnectedEventSchema.parse(JSON.parse(connected.data));
    expect(payload.seq).toBe(1);
    expect(Number.isNaN(Date.parse(payload.timestamp))).toBe(false);
    expect(stream.retry()).toBe(2000);
  });

  it('sends a filtered client only its items while every client sees each sync complete', async () => {
    const s = await start();
    const all = openEventSource(`${s.url}/api/v1/prices/stream`);
    const whip = openEventSource(`${s.url}/api/v1/prices/stream?items=4151,13190`);
    open.push(all, whip);
    await all.next((e) => e.event === 'connected');
    await whip.next((e) => e.event === 'connected');

    await applyChanges(s.store.db, s.feed, [priceMove(2, 1), priceMove(4151, 1), priceMove(561, 1)]);
    await applyChanges(s.store.db, s.feed, [priceMove(2, 2)]);
    const lastAll = await all.next((e) => e.event === 'sync-complete' && SyncCompleteEventSchema.parse(JSON.parse(e.data)).seq === 4);
    const lastWhip = await whip.next((e) => e.event === 'sync-complete' && SyncCompleteEventSchema.parse(JSON.parse(e.data)).seq === 4);

    const itemsOf = (events: typeof all.events): number[] => events.flatMap(updatesOf).map((u) => u.item_id);
    expect(itemsOf(all.events)).toEqual([2, 4151, 561, 2]);
    expect(itemsOf(whip.events)).toEqual([4151]);
    expect(lastAll.id).toBe(lastWhip.id);
    expect(whip.events.filter((e) => e.event === 'sync-complete')).toHaveLength(2);
  });

  it('sends heartbeats at the configured interval', async () => {
    const s = await start({ SSE_HEARTBEAT_INTERVAL: '100ms' });
    const stream = await raw('/api/v1/prices/stream');
    await waitFor('two heartbeats', () => stream.events.filter((e) => e.event === 'heartbeat').length >= 2);
    const beat = stream.events.find((e) => e.event === 'heartbeat');
    const { ts } = HeartbeatEventSchema.parse(JSON.parse(beat?.data ?? ''));
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(60);
    expect(s.stream?.clientCount()).toBe(1);
  });

  it('ends a connection at the timeout with a timeout event, and the browser client comes back on its own and catches up', async () => {
    const s = await start({ SSE_CONNECTION_TIMEOUT: '400ms', SSE_RETRY: '100ms' });
    const client = openEventSource(`${s.url}/api/v1/prices/stream?items=4151`);
    open.push(client);
    await client.next((e) => e.event === 'connected');
    await applyChanges(s.store.db, s.feed, [priceMove(4151, 1)]);
    const timeout = await client.next((e) => e.event === 'timeout');
    expect(TimeoutEventSchema.parse(JSON.parse(timeout.data)).reason).toBe('connection-timeout');
    await applyChanges(s.store.db, s.feed, [priceMove(4151, 7)]);
    await waitFor('a second connection', () => client.opens() >= 2);
    await client.next((e) => updatesOf(e).some((u) => u.item_id === 4151 && u.high === priceMove(4151, 7).high));
    // The reconnect resumed from the id it had (Last-Event-ID), not from scratch.
    expect(await s.metrics.registry.getSingleMetricAsString('ge_sse_catchups_total')).toContain('result="exact"} 1');
  });
});

describe('refusals', () => {
  it('refuses a client over SSE_MAX_CLIENTS with 503, Retry-After and a JSON reason', async () => {
    const s = await start({ SSE_MAX_CLIENTS: '2' });
    await raw('/api/v1/prices/stream');
    await raw('/api/v1/prices/stream');
    const refused = await readRefusal(`${s.url}/api/v1/prices/stream`);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(ErrorBodySchema.parse(refused.json).error.code).toBe('too_many_clients');
    expect(await s.metrics.registry.getSingleMetricAsString('ge_sse_refusals_total')).toContain('reason="max_clients"} 1');
  });

  it('refuses a second stream from one address over SSE_MAX_CLIENTS_PER_IP but not one from another address', async () => {
    const s = await start({ SSE_MAX_CLIENTS_PER_IP: '1', TRUST_PROXY: 'true' });
    const first = await raw('/api/v1/prices/stream', { 'X-Forwarded-For': '203.0.113.7' });
    expect(first.status).toBe(200);
    const refused = await readRefusal(`${s.url}/api/v1/prices/stream`, { 'X-Forwarded-For': '203.0.113.7' });
    expect(refused.status).toBe(503);
    expect(ErrorBodySchema.parse(refused.json).error.message).toMatch(/per address/);
    const other = await raw('/api/v1/prices/stream', { 'X-Forwarded-For': '198.51.100.2' });
    expect(other.status).toBe(200);
  });

  it.each([
    ['letters', 'items=abc'],
    ['an empty id', 'items=2,,4151'],
    ['a negative id', 'items=-2'],
    ['a zero id', 'items=0'],
    ['a huge id', 'items=99999999999'],
    ['the list given twice', 'items=2&items=4151'],
    ['more than 500 ids', `items=${Array.from({ length: 501 }, (_, i) => i + 1).join(',')}`],
  ])('answers a filter with %s with a 400 JSON error', async (_name, query) => {
    const s = await start();
    const refused = await readRefusal(`${s.url}/api/v1/prices/stream?${query}`);
    expect(refused.status).toBe(400);
    expect(ErrorBodySchema.parse(refused.json).error.code).toBe('invalid_parameter');
  });

  it('lists the unknown ids of a filter in a 404', async () => {
    const s = await start();
    const refused = await readRefusal(`${s.url}/api/v1/prices/stream?items=4151,777777,888888`);
    expect(refused.status).toBe(404);
    const { error } = ErrorBodySchema.parse(refused.json);
    expect(error.code).toBe('unknown_item');
    expect(error.message).toContain('777777,888888');
    expect(error.message).not.toContain('4151');
  });

  it('says the stream is turned off when SSE_ENABLED=false', async () => {
    const s = await start({ SSE_ENABLED: 'false' });
    const refused = await readRefusal(`${s.url}/api/v1/prices/stream`);
    expect(refused.status).toBe(404);
    const { error } = ErrorBodySchema.parse(refused.json);
    expect(error.code).toBe('stream_disabled');
    expect(error.message).toMatch(/turned off/);
  });

  it('refuses new streams with 503 once shutdown has begun, after telling open ones when to come back', async () => {
    const s = await start({ SSE_RETRY: '1s' });
    const stream = await raw('/api/v1/prices/stream');
    await stream.next((e) => e.event === 'connected');
    const closing = s.stream?.close();
    const goodbye = await stream.next((e) => e.event === 'timeout');
    expect(TimeoutEventSchema.parse(JSON.parse(goodbye.data))).toMatchObject({ reason: 'server-shutdown' });
    expect(stream.retry()).toBeGreaterThanOrEqual(1000);
    await closing;
    const refused = await readRefusal(`${s.url}/api/v1/prices/stream`);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(ErrorBodySchema.parse(refused.json).error.code).toBe('shutting_down');
  });
});

describe('observability', () => {
  it('serves Prometheus metrics with the stream counters', async () => {
    const s = await start({ METRICS_TOKEN: 'scrape-me' });
    const stream = await raw('/api/v1/prices/stream');
    await stream.next((e) => e.event === 'connected');
    await applyChanges(s.store.db, s.feed, [priceMove(2, 1), priceMove(4151, 1)]);
    await stream.next((e) => e.event === 'sync-complete');
    const response = await fetch(`${s.url}/metrics`, { headers: { Authorization: 'Bearer scrape-me' } });
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^ge_sse_clients 1$/m);
    expect(text).toMatch(/^ge_sse_events_total\{type="price-batch"\} 1$/m);
    expect(text).toMatch(/^ge_sse_bytes_total\{type="sync-complete"\} \d+$/m);
    expect(text).toMatch(/^ge_sse_broadcast_seconds_count 1$/m);
  });

  it('logs the hub start, each client connecting and leaving, and each broadcast', async () => {
    const log = captureLogger();
    const s = await start({}, log.logger);
    const stream = await raw('/api/v1/prices/stream?items=2,4151');
    await stream.next((e) => e.event === 'connected');
    await applyChanges(s.store.db, s.feed, [priceMove(2, 1)]);
    await stream.next((e) => e.event === 'sync-complete');
    stream.close();
    await waitFor('the client to leave', () => s.stream?.clientCount() === 0);
    const byMessage = (msg: string): Record<string, unknown> | undefined => log.entries().find((e) => e.msg === msg);
    expect(byMessage('SSE Hub started')).toBeDefined();
    expect(byMessage('SSE client connected')).toMatchObject({ item_filters: 2, remote_ip: '127.0.0.1' });
    expect(byMessage('SSE client registered')).toMatchObject({ clients: 1 });
    expect(byMessage('Broadcasting price sync completion to SSE clients')).toMatchObject({ client_count: 1, changed: 1 });
    expect(byMessage('SSE client unregistered')).toMatchObject({ clients: 0 });
  });
});

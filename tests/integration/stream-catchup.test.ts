import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ResyncEventSchema, type PriceUpdate } from '../../shared/protocol/events';
import { createChangeFeed } from '../../server/change-feed';
import { readStreamState } from '../../server/store/stream-state';
import { addItems, applyChanges, priceMove } from '../helpers/apply-changes';
import { applyToView, createClientView, updatesOf } from '../helpers/client-view';
import { openRawStream, type RawStream } from '../helpers/sse-reader';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';

const ITEMS = [2, 561, 4151, 11832, 13190];
const servers: StreamServer[] = [];
const streams: RawStream[] = [];
const dirs: string[] = [];

async function start(env: Record<string, string> = {}, reuse?: StreamServer): Promise<StreamServer> {
  const server = await startStreamServer(env, { store: reuse?.store });
  servers.push(server);
  await addItems(server.store.db, ITEMS);
  return server;
}

async function connect(server: StreamServer, query: string, headers: Record<string, string> = {}): Promise<RawStream> {
  const stream = await openRawStream(`${server.url}/api/v1/prices/stream${query}`, headers);
  streams.push(stream);
  await stream.next((e) => e.event === 'connected');
  return stream;
}

const sync = (server: StreamServer, moves: Array<[number, number]>) =>
  applyChanges(server.store.db, server.feed, moves.map(([id, step]) => priceMove(id, step)));

/** Connects, lets one sync arrive, and returns the id the client would resume from. */
async function cursorAfterOneSync(server: StreamServer, filter: string): Promise<string> {
  const first = await connect(server, `?items=${filter}`);
  const committed = await sync(server, [[2, 1], [561, 1]]);
  const last = await first.next((e) => e.event === 'sync-complete' && e.id === `${committed.epoch}.${committed.seq}`);
  first.close();
  return last.id ?? '';
}

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  for (const server of servers.splice(0)) await server.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ['the since query', (id: string) => ({ query: `&since=${id}`, headers: {} })],
  // A browser reconnecting on its own repeats its URL (with an old since) and adds the header.
  ['the Last-Event-ID header', (id: string) => ({ query: '&since=', headers: { 'Last-Event-ID': id } })],
])('resuming with %s', (_name, resume) => {
  it('gets exactly the changed items of its filter at their latest state, in one batch before any live event', async () => {
    const server = await start();
    await sync(server, ITEMS.map((id) => [id, 0]));
    const lastId = await cursorAfterOneSync(server, '2,4151,13190');

    await sync(server, [[4151, 2], [561, 2]]);
    await sync(server, [[4151, 3], [11832, 3]]);
    await sync(server, [[2, 4]]);

    const { query, headers } = resume(lastId);
    const back = await connect(server, `?items=2,4151,13190${query}`, headers);
    await sync(server, [[4151, 5]]);
    await back.next((e) => e.event === 'sync-complete');

    const [, catchup, live] = back.events;
    expect(catchup?.event).toBe('price-batch');
    const byItem = new Map(updatesOf(catchup ?? { id: undefined, event: '', data: '' }).map((u): [number, PriceUpdate] => [u.item_id, u]));
    expect([...byItem.keys()].sort((a, b) => a - b)).toEqual([2, 4151]);
    expect(byItem.get(4151)?.high).toBe(priceMove(4151, 3).high);
    expect(byItem.get(2)?.high).toBe(priceMove(2, 4).high);
    expect(live?.event).toBe('price-update');
    expect(updatesOf(live ?? catchup ?? { id: undefined, event: '', data: '' })[0]?.high).toBe(priceMove(4151, 5).high);
    expect(await server.metrics.registry.getSingleMetricAsString('ge_sse_catchups_total')).toContain('result="exact"} 1');
  });
});

describe('a resume id the server cannot honour', () => {
  it.each([
    ['garbage', () => 'not-an-id', 'malformed-id'],
    ['another epoch', () => 'someOtherEpoch.3', 'epoch-mismatch'],
    ['a seq ahead of the server', (epoch: string) => `${epoch}.999`, 'ahead-of-server'],
  ])('gets a resync first for %s, then live events', async (_name, makeId, reason) => {
    const server = await start();
    await sync(server, [[4151, 1]]);
    const { epoch } = await readStreamState(server.store.db);
    const stream = await connect(server, '', { 'Last-Event-ID': makeId(epoch) });
    const resync = await stream.next((e) => e.event === 'resync');
    expect(ResyncEventSchema.parse(JSON.parse(resync.data))).toEqual({ reason, epoch, seq: 1 });
    expect(stream.events.map((e) => e.event)).toEqual(['connected', 'resync']);
    await sync(server, [[2, 2]]);
    await stream.next((e) => e.event === 'sync-complete');
    expect(stream.events.flatMap(updatesOf).map((u) => u.item_id)).toEqual([2]);
    expect(await server.metrics.registry.getSingleMetricAsString('ge_sse_catchups_total')).toContain('result="resync"} 1');
  });
});

describe('restarts and other writers', () => {
  it('lets clients catch up on a new server over the same database after a shutdown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ge-stream-'));
    dirs.push(dir);
    const env = { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}` };
    const before = await start(env);
    await sync(before, ITEMS.map((id) => [id, 0]));
    const client = await connect(before, '?items=561,4151');
    await sync(before, [[4151, 1]]);
    await client.next((e) => e.event === 'sync-complete' && e.id?.endsWith('.6') === true);
    await before.close({ keepStore: true });
    servers.splice(servers.indexOf(before), 1);
    await client.next((e) => e.event === 'timeout');
    const lastId = [...client.events].reverse().find((e) => e.id !== undefined)?.id ?? '';

    // Written while no server streams: only the store knows.
    await applyChanges(before.store.db, createChangeFeed(), [priceMove(561, 2), priceMove(2, 2)]);
    const after = await start(env, before);
    const back = await connect(after, '?items=561,4151', { 'Last-Event-ID': lastId });
    await sync(after, [[4151, 3]]);
    await back.next((e) => e.event === 'sync-complete');
    const view = createClientView();
    for (const event of [...client.events, ...back.events]) applyToView(view, event);
    expect(view.prices.get(561)?.high).toBe(priceMove(561, 2).high);
    expect(view.prices.get(4151)?.high).toBe(priceMove(4151, 3).high);
    expect(view.prices.has(2)).toBe(false);
    expect(view).toMatchObject({ duplicates: 0, regressions: 0, resyncs: 0 });
  });

  it('reloads from the store when the feed skips seqs, so clients still get every change', async () => {
    const server = await start();
    await sync(server, ITEMS.map((id) => [id, 0]));
    const stream = await connect(server, '');
    // Another process writes seqs 6 and 7; this server only hears about seq 8.
    await applyChanges(server.store.db, createChangeFeed(), [priceMove(2, 1), priceMove(561, 1)]);
    await sync(server, [[4151, 1]]);
    await stream.next((e) => e.id?.endsWith('.8') === true);
    const view = createClientView();
    for (const event of stream.events) applyToView(view, event);
    expect([...view.prices.values()].map((u) => [u.item_id, u.seq]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))).toEqual([[2, 6], [561, 7], [4151, 8]]);
    expect(view.duplicates).toBe(0);
  });

  it('tells every client to resync when the store starts a new epoch', async () => {
    const server = await start();
    await sync(server, [[4151, 1]]);
    const stream = await connect(server, '');
    await server.store.db.updateTable('stream_state').set({ epoch: 'freshEpoch', seq: 0 }).execute();
    await sync(server, [[2, 1]]);
    const resync = await stream.next((e) => e.event === 'resync');
    expect(ResyncEventSchema.parse(JSON.parse(resync.data))).toMatchObject({ reason: 'epoch-mismatch', epoch: 'freshEpoch', seq: 1 });
    await sync(server, [[561, 2]]);
    const next = await stream.next((e) => e.event === 'sync-complete' && e.id === 'freshEpoch.2');
    expect(next).toBeDefined();
  });
});

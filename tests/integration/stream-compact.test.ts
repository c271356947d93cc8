import { afterEach, describe, expect, it } from 'vitest';
import { LatestPricesResponseSchema, type LatestPricesResponse } from '../../shared/protocol/api';
import { CompactLatestResponseSchema } from '../../shared/protocol/compact-latest';
import type { PriceLegs } from '../../shared/domain/price-legs';
import { addItems, applyChanges, type PriceInput } from '../helpers/apply-changes';
import { applyCompactEvent, createCompactView, legsOf } from '../helpers/compact-view';
import { createRandom, type Random } from '../helpers/seeded-random';
import { openRawStream, type RawStream } from '../helpers/sse-reader';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';

const IDS = Array.from({ length: 60 }, (_, i) => (i + 1) * 7);
let server: StreamServer | undefined;
const streams: RawStream[] = [];

afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await server?.close();
  server = undefined;
});

async function start(): Promise<StreamServer> {
  server = await startStreamServer();
  await addItems(server.store.db, IDS);
  return server;
}

async function open(s: StreamServer, query: string): Promise<RawStream> {
  const stream = await openRawStream(`${s.url}/api/v1/prices/stream${query}`);
  streams.push(stream);
  await stream.next((e) => e.event === 'connected');
  return stream;
}

async function latest(s: StreamServer, query = ''): Promise<{ status: number; text: string }> {
  const res = await fetch(`${s.url}/api/v1/prices/latest${query}`);
  return { status: res.status, text: await res.text() };
}

const held = new Map<number, PriceLegs>();
/** A random sync: some items move one leg, some both, some lose a leg (it becomes null). */
function randomMoves(random: Random, step: number): PriceInput[] {
  return random.sample(IDS, random.int(1, 25)).map((itemId) => {
    const before = held.get(itemId) ?? { high: null, highTime: null, low: null, lowTime: null };
    const leg = (): [number | null, number | null] => (random.chance(0.1) ? [null, null] : [random.int(1, 2 ** 31 - 1), 1_748_000_000 + step * 60 - random.int(0, 300)]);
    const roll = random.next();
    const [high, highTime] = roll < 0.4 ? leg() : [before.high, before.highTime];
    const [low, lowTime] = roll >= 0.3 ? leg() : [before.low, before.lowTime];
    const next = { high, highTime, low, lowTime };
    held.set(itemId, next);
    return { itemId, ...next };
  });
}

describe('the compact stream format (format=p1)', () => {
  it('sends one p1 event per sync whose legs, laid over each other, equal the server\'s prices exactly', async () => {
    const s = await start();
    const random = createRandom(41);
    const compact = await open(s, '?format=p1');
    const original = await open(s, '');
    const view = createCompactView();
    for (let step = 1; step <= 30; step += 1) {
      const committed = await applyChanges(s.store.db, s.feed, randomMoves(random, step));
      const id = `${committed.epoch}.${committed.seq}`;
      await compact.next((e) => e.event === 'p1' && e.id === id);
      await original.next((e) => e.event === 'sync-complete' && e.id === id);
    }
    for (const event of compact.events) applyCompactEvent(view, event);
    const answer = LatestPricesResponseSchema.parse(JSON.parse((await latest(s)).text));
    expect(view.garbage).toBe(0);
    expect(view.prices).toEqual(legsOf(answer));
    expect(compact.events.filter((e) => e.event === 'p1')).toHaveLength(30);
    // Nothing of the original events goes to a compact client, and nothing compact to the others.
    expect(compact.events.some((e) => ['price-batch', 'price-update', 'sync-complete'].includes(e.event))).toBe(false);
    expect(original.events.some((e) => e.event === 'p1')).toBe(false);
    expect(compact.bytesRead()).toBeLessThan(original.bytesRead() / 3);
  });

  it('sends only the legs that changed, and "became null" apart from "unchanged"', async () => {
    const s = await start();
    await applyChanges(s.store.db, s.feed, [{ itemId: 7, high: 100, highTime: 1_000, low: 90, lowTime: 990 }, { itemId: 14, high: 5, highTime: 1_000, low: 4, lowTime: 1_000 }]);
    const compact = await open(s, '?format=p1');
    const committed = await applyChanges(s.store.db, s.feed, [{ itemId: 7, high: 100, highTime: 1_000, low: 95, lowTime: 1_500 }, { itemId: 14, high: null, highTime: null, low: 4, lowTime: 1_000 }], 2_000_000);
    const event = await compact.next((e) => e.event === 'p1');
    expect(event.id).toBe(`${committed.epoch}.${committed.seq}`);
    // base 2000; item 7: low only (head 7*9+3), 95 at 500 s before; item 14: high became null (7*9+2).
    expect(event.data).toBe('[2000,66,95,500,65]');
  });

  it('catches a returning client up in the same format, with every leg changed while it was away', async () => {
    const s = await start();
    const random = createRandom(43);
    const view = createCompactView();
    const first = await open(s, '?format=p1');
    for (let step = 1; step <= 5; step += 1) {
      const committed = await applyChanges(s.store.db, s.feed, randomMoves(random, step));
      await first.next((e) => e.event === 'p1' && e.id === `${committed.epoch}.${committed.seq}`);
    }
    for (const event of first.events) applyCompactEvent(view, event);
    first.close();
    for (let step = 6; step <= 15; step += 1) await applyChanges(s.store.db, s.feed, randomMoves(random, step));
    const back = await open(s, `?format=p1&since=${view.cursor ?? ''}`);
    const catchUp = await back.next((e) => e.event === 'p1');
    applyCompactEvent(view, catchUp);
    const answer = LatestPricesResponseSchema.parse(JSON.parse((await latest(s)).text));
    expect(view.prices).toEqual(legsOf(answer));
    expect(view.cursor).toBe(`${answer.epoch}.${answer.seq}`);
  });

  it('gives a filtered client its items only, and an empty batch when none changed (it still moves the cursor)', async () => {
    const s = await start();
    const stream = await open(s, '?format=p1&items=7,21');
    const committed = await applyChanges(s.store.db, s.feed, [{ itemId: 14, high: 1, highTime: 1, low: 1, lowTime: 1 }], 5_000_000);
    const event = await stream.next((e) => e.event === 'p1');
    expect(event).toMatchObject({ id: `${committed.epoch}.${committed.seq}`, data: '[5000]' });
  });

  it('refuses an unknown format with a 400 naming the parameter, on the stream and on /prices/latest', async () => {
    const s = await start();
    const stream = await openRawStream(`${s.url}/api/v1/prices/stream?format=p9`);
    streams.push(stream);
    expect(stream.status).toBe(400);
    expect(stream.body()).toContain('format');
    const rest = await latest(s, '?format=p9');
    expect(rest.status).toBe(400);
    expect(rest.text).toContain('format');
    expect(s.stream?.clientCount()).toBe(0);
  });
});

describe('GET /api/v1/prices/latest?format=p1', () => {
  const parse = (text: string): LatestPricesResponse => CompactLatestResponseSchema.parse(JSON.parse(text));

  it('holds the same prices as the JSON answer in a fraction of its bytes, full and since a cursor', async () => {
    const s = await start();
    const random = createRandom(47);
    await applyChanges(s.store.db, s.feed, randomMoves(random, 1));
    const cursor = LatestPricesResponseSchema.parse(JSON.parse((await latest(s)).text));
    await applyChanges(s.store.db, s.feed, randomMoves(random, 2));
    for (const since of ['', `&since=${cursor.epoch}.${cursor.seq}`]) {
      const json = await latest(s, since === '' ? '' : `?${since.slice(1)}`);
      const compact = await latest(s, `?format=p1${since}`);
      const expected = LatestPricesResponseSchema.parse(JSON.parse(json.text));
      const answer = parse(compact.text);
      expect({ ...answer, prices: legsOf(answer) }).toEqual({ ...expected, prices: legsOf(expected) });
      // Every item is labelled with the answer's seq, never below the seq of its own last change.
      for (const [id, price] of Object.entries(answer.prices)) expect(price.seq).toBeGreaterThanOrEqual(expected.prices[id]?.seq ?? 0);
      expect(compact.text.length).toBeLessThan(json.text.length / (since === '' ? 2 : 1));
    }
  });
});

// JSON answers are compressed for clients that ask (brotli preferred, gzip otherwise), with
// `Vary: Accept-Encoding`, the same validator whatever the coding, and 304s and HEAD unchanged;
// a client that does not ask, a small answer and the price stream are sent as they are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ItemsResponseSchema, LatestPricesResponseSchema } from '../../shared/protocol/api';
import { ID, seedCatalogue } from '../helpers/catalogue-fixture';
import { rawRequest } from '../helpers/raw-http';
import { seedItems, seedLatest } from '../helpers/seed-store';
import { openRawStream } from '../helpers/sse-reader';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';

/** A fixed clock: the items answers carry their time, so every request sees the same body. */
const NOW = Date.UTC(2026, 4, 1, 12);
const NOW_S = Math.floor(NOW / 1000);
const EXTRA = Array.from({ length: 60 }, (_, i) => 20_000 + i);
const CHROME = 'gzip, deflate, br, zstd';

let s: StreamServer;
beforeAll(async () => {
  s = await startStreamServer({}, { now: () => NOW });
  await seedCatalogue(s.store.db, NOW_S);
  await seedItems(s.store.db, EXTRA.map((id) => ({ id, name: `Bronze thing ${id}`, limit: 100 })), NOW_S);
  await seedLatest(s.store.db, EXTRA.map((id) => ({ itemId: id, high: id * 3, highTime: NOW_S - 60, low: id * 2, lowTime: NOW_S - 90 })));
});
afterAll(() => s.close());

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => rawRequest(`${s.url}${path}`, { headers, method });
const varies = (vary: string | undefined) => (vary ?? '').toLowerCase().split(/\s*,\s*/).includes('accept-encoding');

describe('compressed JSON answers', () => {
  it.each([
    [CHROME, 'br'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1, br;q=0.5', 'gzip'],
    ['*', 'br'],
  ])('answers Accept-Encoding "%s" with %s, decoding to the same items', async (accept, coding) => {
    const plain = await get('/api/v1/items?limit=100');
    const packed = await get('/api/v1/items?limit=100', { 'Accept-Encoding': accept });
    expect(packed.status).toBe(200);
    expect(packed.headers['content-encoding']).toBe(coding);
    expect(varies(packed.headers.vary)).toBe(true);
    expect(packed.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(packed.headers['content-length'])).toBe(packed.wire.length);
    expect(packed.wire.length).toBeLessThan(plain.wire.length / 3);
    expect(packed.text()).toBe(plain.text());
    expect(ItemsResponseSchema.parse(JSON.parse(packed.text())).total).toBe(7 + EXTRA.length);
  });

  it('sends the body as it is to a client that does not ask, still saying it varies', async () => {
    for (const headers of [{} as Record<string, string>, { 'Accept-Encoding': 'identity' }, { 'Accept-Encoding': 'br;q=0, gzip;q=0' }, { 'Accept-Encoding': 'zstd' }]) {
      const res = await get('/api/v1/items?limit=100', headers);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding'], JSON.stringify(headers)).toBeUndefined();
      expect(varies(res.headers.vary)).toBe(true);
      expect(ItemsResponseSchema.parse(JSON.parse(res.text())).items.length).toBe(7 + EXTRA.length);
    }
  });

  it('keeps one ETag for every coding, and answers If-None-Match with a bodiless 304 in each', async () => {
    const plain = await get('/api/v1/items?limit=100');
    const br = await get('/api/v1/items?limit=100', { 'Accept-Encoding': 'br' });
    const gz = await get('/api/v1/items?limit=100', { 'Accept-Encoding': 'gzip' });
    expect(plain.headers.etag).toMatch(/^W\/".+"$/);
    expect(br.headers.etag).toBe(plain.headers.etag);
    expect(gz.headers.etag).toBe(plain.headers.etag);
    for (const accept of ['br', 'gzip', 'identity']) {
      const again = await get('/api/v1/items?limit=100', { 'Accept-Encoding': accept, 'If-None-Match': plain.headers.etag ?? '' });
      expect(again.status, accept).toBe(304);
      expect(again.wire.length).toBe(0);
      expect(again.headers['content-encoding']).toBeUndefined();
      expect(varies(again.headers.vary)).toBe(true);
    }
  });

  it('answers HEAD with the compressed answer\'s headers and no body', async () => {
    const get200 = await get('/api/v1/items?limit=100', { 'Accept-Encoding': 'br' });
    const head = await get('/api/v1/items?limit=100', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.wire.length).toBe(0);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(String(get200.wire.length));
    expect(head.headers.etag).toBe(get200.headers.etag);
    expect(varies(head.headers.vary)).toBe(true);
  });

  it('compresses answers that carry no validator, such as the latest prices', async () => {
    const res = await get('/api/v1/prices/latest', { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Object.keys(LatestPricesResponseSchema.parse(JSON.parse(res.text())).prices)).toHaveLength(7 + EXTRA.length);
  });

  it('leaves answers under a kilobyte alone, errors included', async () => {
    const item = await get(`/api/v1/items/${ID.whip}`, { 'Accept-Encoding': 'br' });
    expect(item.status).toBe(200);
    expect(item.wire.length).toBeLessThan(1024);
    expect(item.headers['content-encoding']).toBeUndefined();
    expect(varies(item.headers.vary)).toBe(true);
    const missing = await get('/api/v1/items/999999', { 'Accept-Encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(missing.text())).toMatchObject({ error: { code: 'unknown_item' } });
  });

  it('leaves the price stream to its own gzip: a client that accepts only brotli gets it plain', async () => {
    const stream = await openRawStream(`${s.url}/api/v1/prices/stream`, { 'Accept-Encoding': 'br' });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toContain('text/event-stream');
      expect(stream.headers['content-encoding']).toBeUndefined();
      const connected = await stream.next((event) => event.event === 'connected');
      expect(JSON.parse(connected.data)).toMatchObject({ seq: expect.any(Number) });
    } finally {
      stream.close();
    }
  });
});

// Headers every answer carries: the security set on each response, CORS for the read-only API
// but not the stream, and validators that answer 304 on the catalogue and history routes.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ID, seedCatalogue } from '../helpers/catalogue-fixture';
import { openRawStream } from '../helpers/sse-reader';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';

/** A fixed clock: the items answers carry their time, so revalidation is asked within one instant. */
const NOW = Date.UTC(2026, 4, 1, 12);
let s: StreamServer;
beforeAll(async () => {
  s = await startStreamServer({}, { now: () => NOW });
  await seedCatalogue(s.store.db, Math.floor(NOW / 1000));
});
afterAll(() => s.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${s.url}${path}`, { headers });

/** A raw GET: fetch adds `Cache-Control: no-cache` to a conditional request, which rightly defeats a 304. */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; etag: string | undefined; cacheControl: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${s.url}${path}`, { headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, etag: res.headers.etag, cacheControl: res.headers['cache-control'], text }));
    });
    req.on('error', reject);
    req.end();
  });
}

function expectSecurityHeaders(headers: Headers, what: string): void {
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("connect-src 'self'");
  expect(csp, what).toContain('img-src \'self\' https://oldschool.runescape.wiki');
  expect(csp, what).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('x-frame-options'), what).toBe('DENY');
  expect(headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(headers.get('permissions-policy'), what).toContain('camera=()');
}

describe('response headers', () => {
  it('puts the security headers on every kind of answer', async () => {
    for (const path of ['/', '/items/4151/abyssal-whip', '/api/v1/items', '/api/v1/items/abc', '/api/v1/nope', '/api/v1/health', '/metrics']) {
      expectSecurityHeaders((await get(path)).headers, path);
    }
    const stream = await openRawStream(`${s.url}/api/v1/prices/stream`);
    const headers = new Headers(Object.entries(stream.headers).map(([k, v]) => [k, String(v)] as [string, string]));
    expectSecurityHeaders(headers, 'the stream');
    stream.close();
  });

  it('lets any origin read the API but not open the stream or read the app', async () => {
    const origin = { Origin: 'https://elsewhere.example' };
    expect((await get('/api/v1/items', origin)).headers.get('access-control-allow-origin')).toBe('*');
    expect((await get('/api/v1/items/999999', origin)).headers.get('access-control-allow-origin')).toBe('*');
    expect((await get('/', origin)).headers.get('access-control-allow-origin')).toBeNull();
    const stream = await openRawStream(`${s.url}/api/v1/prices/stream`, origin);
    expect(stream.headers['access-control-allow-origin']).toBeUndefined();
    stream.close();
  });

  it.each([
    '/api/v1/items?limit=5',
    `/api/v1/items/${ID.whip}`,
    `/api/v1/items/${ID.whip}/history?timestep=1h`,
  ])('answers %s with an ETag and Cache-Control, and 304 to If-None-Match', async (path) => {
    const first = await rawGet(path);
    expect(first.status).toBe(200);
    expect(first.etag).toMatch(/^W\/".+"$/);
    expect(first.cacheControl).toBe('public, no-cache');
    const again = await rawGet(path, { 'If-None-Match': first.etag ?? '' });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const other = await rawGet(path, { 'If-None-Match': 'W/"something-else"' });
    expect(other.status).toBe(200);
    expect(other.text).toBe(first.text);
  });
});

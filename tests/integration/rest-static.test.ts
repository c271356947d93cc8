import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../shared/protocol/api';
import { startTestApp, type TestApp } from '../helpers/test-app';

const INDEX = '<!doctype html><title>GE Tracker</title><div id="app"></div>';

describe('the built client', () => {
  let t: TestApp;
  let dist: string;
  let outside: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'ge-dist-'));
    outside = mkdtempSync(join(tmpdir(), 'ge-secret-'));
    writeFileSync(join(outside, 'secret.txt'), 'do not serve');
    mkdirSync(join(dist, 'assets'));
    mkdirSync(join(dist, 'icons'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"GE Tracker"}');
    writeFileSync(join(dist, 'assets', 'index-Ab12Cd.js'), 'console.log("app")');
    writeFileSync(join(dist, 'assets', 'index-Ef34Gh.css'), 'body{}');
    writeFileSync(join(dist, 'assets', 'font-Xy.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
    writeFileSync(join(dist, 'icons', 'icon-192.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(dist, '.env'), 'SECRET=1');
    t = await startTestApp({ env: { STATIC_DIR: dist } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dist, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('serves index.html at / revalidated on every load', async () => {
    const res = await t.request('/');
    expect(res.status).toBe(200);
    expect(res.text).toBe(INDEX);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it.each([
    ['/items/4151/abyssal-whip'],
    ['/watchlist'],
    ['/items/13190/old-school-bond?tab=history'],
    ['/items/2/mr.-cannonball'],
  ])('answers the deep link %s with index.html', async (path) => {
    const res = await t.request(path);
    expect(res.status).toBe(200);
    expect(res.text).toBe(INDEX);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('caches hashed assets for a year as immutable', async () => {
    const js = await t.request('/assets/index-Ab12Cd.js');
    expect(js.status).toBe(200);
    expect(js.text).toBe('console.log("app")');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await t.request('/assets/index-Ef34Gh.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await t.request('/assets/font-Xy.woff2')).headers['content-type']).toBe('font/woff2');
  });

  it('serves the service worker and the manifest with their types, never cached stale', async () => {
    const sw = await t.request('/sw.js');
    expect(sw.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(sw.headers['cache-control']).toBe('no-cache');
    const manifest = await t.request('/manifest.webmanifest');
    expect(manifest.headers['content-type']).toBe('application/manifest+json; charset=utf-8');
    expect(manifest.headers['cache-control']).toBe('no-cache');
    expect((await t.request('/icons/icon-192.png')).headers['content-type']).toBe('image/png');
    expect((await t.request('/favicon.svg')).headers['content-type']).toBe('image/svg+xml');
  });

  it('answers a conditional request for an unchanged file with 304', async () => {
    const first = await t.request('/sw.js');
    const etag = first.headers.etag;
    expect(etag).toBeTruthy();
    const again = await t.request('/sw.js', { headers: { 'If-None-Match': etag ?? '' } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await t.request('/assets/index-Ab12Cd.js', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String('console.log("app")'.length));
    expect(res.text).toBe('');
  });

  it('sends a file the build left no compressed copy of as it is, even when the browser asks', async () => {
    const res = await t.request('/assets/index-Ab12Cd.js', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.text).toBe('console.log("app")');
  });

  it('answers 404 for a missing asset instead of index.html', async () => {
    for (const path of ['/assets/index-gone.js', '/missing.css', '/assets/']) {
      const res = await t.request(path);
      expect(res.status, path).toBe(404);
      expect(res.text).not.toContain('GE Tracker');
    }
  });

  it('never serves a file outside the client folder or a hidden file', async () => {
    const secret = `../${outside.split('/').pop()}/secret.txt`;
    for (const path of [`/${secret}`, `/assets/..%2F..%2F${secret}`, `/%2e%2e/${secret}`, '/.env', '/assets/%00.js', '/..%5c..%5cetc%5cpasswd']) {
      const res = await t.request(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.text, path).not.toContain('do not serve');
      expect(res.text, path).not.toContain('SECRET');
    }
  });

  it('only serves GET and HEAD', async () => {
    const res = await t.request('/index.html', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('GE Tracker');
  });

  it('answers unknown API paths with a JSON 404, never index.html', async () => {
    const res = await t.request('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(ErrorBodySchema.parse(res.json()).error.code).toBe('not_found');
  });
});

describe('before the client is built', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each([['/'], ['/items/4151/abyssal-whip']])('answers %s with a placeholder page linking the API', async (path) => {
    const res = await t.request(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<title>GE Tracker</title>');
    expect(res.text).toContain('href="/api/v1/items"');
    expect(res.text).toContain('href="/api/v1/health"');
  });

  it('still answers 404 for a missing asset', async () => {
    expect((await t.request('/assets/index-Ab12Cd.js')).status).toBe(404);
  });
});

// The built client's compressed copies (written by the build step, scripts/precompress.ts) are
// sent to browsers that accept them, with Vary and the cache policy of each kind of file: hashed
// assets immutable for a year, the shell (index.html, sw.js, the manifest, icons) revalidated.
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../scripts/precompress';
import { rawRequest } from '../helpers/raw-http';
import { startTestApp, type TestApp } from '../helpers/test-app';

const SCRIPT = `export const rows = [${Array.from({ length: 300 }, (_, i) => `{id:${i},name:"item ${i}"}`).join(',')}];\n`;
const INDEX = `<!doctype html><title>GE Tracker</title>${'<link rel="modulepreload" href="/assets/chunk.js">'.repeat(20)}<div id="app"></div>`;
const IMMUTABLE = 'public, max-age=31536000, immutable';
const CHROME = 'gzip, deflate, br, zstd';

let t: TestApp;
let dist: string;
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => rawRequest(`${t.url}${path}`, { headers, method });
const varies = (vary: string | undefined) => (vary ?? '').toLowerCase().split(/\s*,\s*/).includes('accept-encoding');

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'ge-dist-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, 'icons'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'sw.js'), `self.addEventListener("fetch", () => {});\n${SCRIPT}`);
  writeFileSync(join(dist, 'manifest.webmanifest'), JSON.stringify({ name: 'GE Tracker', icons: Array.from({ length: 20 }, (_, i) => ({ src: `/icons/icon-${i}.png` })) }));
  writeFileSync(join(dist, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
  writeFileSync(join(dist, 'assets', 'gzip-only-Ef56Gh78.js'), SCRIPT);
  writeFileSync(join(dist, 'assets', 'tiny-Ij90Kl12.js'), 'export {};');
  writeFileSync(join(dist, 'icons', 'icon-192.png'), Buffer.alloc(2048, 0x89));
  writeFileSync(join(dist, 'assets', 'replaced-Mn34Op56.js'), SCRIPT);
  await precompressDir(dist);
  unlinkSync(join(dist, 'assets', 'gzip-only-Ef56Gh78.js.br'));
  // Replaced after the build: its copies (an hour older) hold the old content.
  writeFileSync(join(dist, 'assets', 'replaced-Mn34Op56.js'), 'export const replaced = true;\n'.repeat(40));
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const suffix of ['.br', '.gz']) utimesSync(join(dist, 'assets', `replaced-Mn34Op56.js${suffix}`), hourAgo, hourAgo);
  t = await startTestApp({ env: { STATIC_DIR: dist } });
});
afterAll(async () => {
  await t.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the built client, compressed', () => {
  it.each([
    ['/assets/index-Ab12Cd34.js', SCRIPT, 'text/javascript; charset=utf-8', IMMUTABLE],
    ['/', INDEX, 'text/html; charset=utf-8', 'no-cache'],
    ['/items/4151/abyssal-whip', INDEX, 'text/html; charset=utf-8', 'no-cache'],
    ['/sw.js', `self.addEventListener("fetch", () => {});\n${SCRIPT}`, 'text/javascript; charset=utf-8', 'no-cache'],
  ])('sends %s as brotli to a browser, with its own type and cache policy', async (path, content, type, cacheControl) => {
    const res = await get(path, { 'Accept-Encoding': CHROME });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(varies(res.headers.vary)).toBe(true);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe(cacheControl);
    expect(Number(res.headers['content-length'])).toBe(res.wire.length);
    expect(res.wire.length).toBeLessThan(Buffer.byteLength(content) / 3);
    expect(res.text()).toBe(content);
  });

  it('sends gzip to a client that takes only gzip, and the file itself to one that takes neither', async () => {
    const gz = await get('/assets/index-Ab12Cd34.js', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text()).toBe(SCRIPT);
    for (const headers of [{} as Record<string, string>, { 'Accept-Encoding': 'identity' }, { 'Accept-Encoding': 'br;q=0, gzip;q=0' }]) {
      const plain = await get('/assets/index-Ab12Cd34.js', headers);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(varies(plain.headers.vary)).toBe(true);
      expect(plain.wire.toString()).toBe(SCRIPT);
      expect(plain.headers['cache-control']).toBe(IMMUTABLE);
    }
  });

  it('falls back to the gzip copy when the build wrote no brotli one', async () => {
    const res = await get('/assets/gzip-only-Ef56Gh78.js', { 'Accept-Encoding': CHROME });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.text()).toBe(SCRIPT);
  });

  it('never sends a copy older than its file: the file was replaced after the build', async () => {
    const res = await get('/assets/replaced-Mn34Op56.js', { 'Accept-Encoding': CHROME });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.wire.toString()).toBe('export const replaced = true;\n'.repeat(40));
  });

  it('sends images and files too small to be worth compressing as they are', async () => {
    const icon = await get('/icons/icon-192.png', { 'Accept-Encoding': CHROME });
    expect(icon.headers['content-encoding']).toBeUndefined();
    expect(icon.headers['content-type']).toBe('image/png');
    expect(icon.headers['cache-control']).toBe('no-cache');
    expect(icon.wire.length).toBe(2048);
    const tiny = await get('/assets/tiny-Ij90Kl12.js', { 'Accept-Encoding': CHROME });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.wire.toString()).toBe('export {};');
  });

  it('keeps one validator for every coding and answers If-None-Match with 304', async () => {
    const br = await get('/assets/index-Ab12Cd34.js', { 'Accept-Encoding': 'br' });
    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(br.headers.etag).toBe(plain.headers.etag);
    const again = await get('/assets/index-Ab12Cd34.js', { 'Accept-Encoding': 'br', 'If-None-Match': br.headers.etag ?? '' });
    expect(again.status).toBe(304);
    expect(again.wire.length).toBe(0);
    expect(varies(again.headers.vary)).toBe(true);
  });

  it('answers HEAD with the compressed copy\'s headers and no body', async () => {
    const get200 = await get('/manifest.webmanifest', { 'Accept-Encoding': 'br' });
    const head = await get('/manifest.webmanifest', { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-type']).toBe('application/manifest+json; charset=utf-8');
    expect(head.headers['content-length']).toBe(String(get200.wire.length));
    expect(head.wire.length).toBe(0);
  });
});

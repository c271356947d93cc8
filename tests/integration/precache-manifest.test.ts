// The service worker's precache list, read from a real production build: the app shell a first
// visit stores for offline use. index.html, the entry chunk and its stylesheet, the lazy chunks
// and every icon must be in it, each once; nothing under /api/ ever is (prices come from IndexedDB
// and the stream, never from a precached answer).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface PrecacheEntry {
  url: string;
  revision: string | null;
}

const root = new URL('../..', import.meta.url).pathname;
let outDir = '';
let entries: PrecacheEntry[] = [];

/** The manifest workbox injected in place of self.__WB_MANIFEST: a JSON array of {revision, url}. */
function injectedManifest(sw: string): PrecacheEntry[] {
  const found = /\[\{"revision":[^\]]*\}\]/.exec(sw);
  if (!found) throw new Error('no precache manifest in the built sw.js');
  return JSON.parse(found[0]) as PrecacheEntry[];
}

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'ge-precache-'));
  const built = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
  entries = injectedManifest(readFileSync(join(outDir, 'sw.js'), 'utf8'));
}, 120_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('the built service worker precaches', () => {
  it('index.html, the entry chunk and the stylesheet that index.html loads', () => {
    const urls = entries.map((e) => e.url);
    expect(urls).toContain('index.html');
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const loaded = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(loaded.some((url) => url?.endsWith('.js'))).toBe(true);
    for (const url of loaded) expect(urls).toContain(url);
  });

  it('every built script and stylesheet, so a chart opens offline before it was ever opened online', () => {
    const assets = readdirSync(join(outDir, 'assets')).filter((name) => !/\.(br|gz)$/.test(name)).map((name) => `assets/${name}`);
    expect(entries.map((e) => e.url).sort()).toEqual(expect.arrayContaining(assets.sort()));
  });

  it('every icon the web manifest and index.html name', () => {
    const urls = entries.map((e) => e.url);
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.webmanifest'), 'utf8')) as { icons: { src: string }[] };
    for (const icon of manifest.icons) expect(urls).toContain(icon.src.replace(/^\//, ''));
    for (const name of readdirSync(join(outDir, 'icons'))) expect(urls).toContain(`icons/${name}`);
    expect(urls).toContain('manifest.webmanifest');
  });

  it('each file once, with a revision for those whose names carry no hash', () => {
    const urls = entries.map((e) => e.url);
    expect(new Set(urls).size).toBe(urls.length);
    for (const entry of entries) {
      if (!/-[\w-]{8}\.\w+$/.test(entry.url)) expect(entry.revision, entry.url).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('none of the compressed copies the build writes beside each file (the server sends those itself)', () => {
    for (const { url } of entries) expect(url).not.toMatch(/\.(br|gz)$/);
  });

  it('from a build that wrote a brotli and a gzip copy of every script, stylesheet and page, sw.js included', () => {
    const files = ['index.html', 'sw.js', 'manifest.webmanifest', ...readdirSync(join(outDir, 'assets')).map((name) => `assets/${name}`)]
      .filter((file) => /\.(js|css|html|webmanifest)$/.test(file) && statSync(join(outDir, file)).size >= 512);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(join(outDir, file));
      expect(existsSync(join(outDir, `${file}.br`)), file).toBe(true);
      expect(brotliDecompressSync(readFileSync(join(outDir, `${file}.br`))).equals(source), file).toBe(true);
      expect(gunzipSync(readFileSync(join(outDir, `${file}.gz`))).equals(source), file).toBe(true);
    }
  });

  it('nothing under /api/ and no server route', () => {
    for (const { url } of entries) {
      expect(url).not.toMatch(/^\/?api\//);
      expect(url).not.toMatch(/^\/?metrics/);
    }
  });
});

// Serves the built client: hashed assets cached for a year, the shell files (index.html, sw.js,
// the manifest, icons) revalidated on every load (so a deploy is picked up), and index.html for
// app routes (deep links) so the client's router can take over. Compressed files are the build's
// own brotli and gzip copies (scripts/precompress.ts), sent to browsers that accept them: nothing
// is compressed per request, and nothing here sits in front of the SSE stream.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { Context, Next } from 'koa';
import { HttpError } from '../http-error';
import { acceptedCodings, type ContentCoding } from './accept-encoding';
import { COPY_SUFFIX, PRECOMPRESSED_EXTENSIONS } from './precompressed-files';
import { PLACEHOLDER_HTML } from './placeholder-page';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

interface FoundFile {
  path: string;
  size: number;
  mtime: Date;
}

async function findFile(path: string): Promise<FoundFile | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size, mtime: info.mtime } : null;
  } catch {
    return null; // missing or unreadable: the caller falls back to index.html or a 404
  }
}

/** The file a URL path names inside `root`, or null when the path may not be served. */
function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    throw new HttpError(400, 'bad_request', 'malformed URL');
  }
  // No NUL bytes, no backslashes, no dot-segments or hidden files.
  if (/[\0\\]/.test(decoded) || decoded.split('/').some((part) => part.startsWith('.'))) return null;
  const target = resolve(root, `.${decoded}`);
  return target === root || target.startsWith(root + sep) ? target : null;
}

/** Paths that name a file (an asset or a known extension) 404 when missing, never index.html. */
function looksLikeFile(urlPath: string): boolean {
  return urlPath.startsWith('/assets/') || Object.hasOwn(CONTENT_TYPES, extname(urlPath));
}

/**
 * The build's copy of `file` in the best coding the request accepts that the build wrote. A copy
 * older than its file is stale (the file was replaced after the build) and never sent.
 */
async function findEncoded(ctx: Context, file: FoundFile): Promise<{ coding: ContentCoding; file: FoundFile } | null> {
  for (const coding of acceptedCodings(ctx.get('Accept-Encoding') || undefined)) {
    const copy = await findFile(`${file.path}${COPY_SUFFIX[coding]}`);
    if (copy && copy.mtime >= file.mtime) return { coding, file: copy };
  }
  return null;
}

async function send(ctx: Context, file: FoundFile, cacheControl: string): Promise<void> {
  ctx.status = 200;
  const ext = extname(file.path);
  ctx.type = (Object.hasOwn(CONTENT_TYPES, ext) ? CONTENT_TYPES[ext] : undefined) ?? 'application/octet-stream';
  ctx.set('Cache-Control', cacheControl);
  ctx.lastModified = file.mtime;
  // Weak: the same validator for every coding, since each names the same content.
  ctx.etag = `W/"${file.size.toString(16)}-${file.mtime.getTime().toString(16)}"`;
  const compressible = PRECOMPRESSED_EXTENSIONS.has(ext);
  if (compressible) ctx.vary('Accept-Encoding');
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  const encoded = compressible ? await findEncoded(ctx, file) : null;
  const sent = encoded?.file ?? file;
  if (encoded) ctx.set('Content-Encoding', encoded.coding);
  ctx.length = sent.size;
  // HEAD: Koa sends the headers only, so never open a stream that nobody reads.
  if (ctx.method === 'GET') ctx.body = createReadStream(sent.path);
}

export function staticFiles(dir: string) {
  const root = resolve(dir);
  const indexPath = resolve(root, 'index.html');

  return async (ctx: Context, next: Next): Promise<void> => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/')) return next();

    const target = ctx.path === '/' ? indexPath : resolveInside(root, ctx.path);
    const file = target === null ? null : await findFile(target);
    if (file) {
      await send(ctx, file, ctx.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
      return;
    }
    if (target === null || looksLikeFile(ctx.path)) return next();

    // An app route such as /items/4151/abyssal-whip: the client renders it from index.html.
    const index = await findFile(indexPath);
    if (index) {
      await send(ctx, index, REVALIDATE);
      return;
    }
    ctx.status = 200;
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', REVALIDATE);
    ctx.body = PLACEHOLDER_HTML;
  };
}

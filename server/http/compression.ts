// Compresses JSON answers for clients that ask (Accept-Encoding: br or gzip). Only finished JSON
// bodies are touched: the price stream (text/event-stream, a live body) and the static files
// (precompressed at build time, see static-files.ts) never are, and neither is a body that already
// carries a Content-Encoding. A body with an ETag is compressed once per ETag, not per request:
// its ETag names its bytes (cacheable-json.ts), so the compressed bytes are kept beside it.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context, Next } from 'koa';
import { pickContentCoding, type ContentCoding } from './accept-encoding';

/** Below this a compressed body saves less than its framing costs. */
const MIN_BYTES = 1024;
/** ETag-keyed bodies kept compressed (and their total size). */
const MEMO_ENTRIES = 64;
const MEMO_BYTES = 16 * 1024 * 1024;
/** ctx.state key of preferBestCompression's mark. */
const BEST = 'compression.best';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type CompressionEffort = 'fast' | 'best';

/**
 * Marks the answer as one that changes rarely and is asked for often (the device catalogue):
 * worth brotli's best quality, which costs about a second per megabyte, paid once per change.
 */
export function preferBestCompression(ctx: Context): void {
  ctx.state[BEST] = true;
}

export function encodeBody(text: Buffer, coding: ContentCoding, effort: CompressionEffort): Promise<Buffer> {
  if (coding === 'gzip') return gzipAsync(text, { level: effort === 'best' ? 9 : 6 });
  return brotli(text, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: effort === 'best' ? 11 : 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: text.length,
    },
  });
}

function isJson(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json');
}

/** A finished JSON body (not a stream, not empty), which may be compressed. */
function isFinishedJson(ctx: Context): boolean {
  const body: unknown = ctx.body;
  if (!isJson(ctx.response.type) || body === null || body === undefined) return false;
  return typeof body === 'string' || Buffer.isBuffer(body) || typeof (body as { pipe?: unknown }).pipe !== 'function';
}

function bodyBytes(body: unknown): Buffer {
  if (typeof body === 'string') return Buffer.from(body);
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(JSON.stringify(body));
}

interface Memo {
  get(key: string): Promise<Buffer> | undefined;
  set(key: string, value: Promise<Buffer>): void;
}

/** Newest-kept map of compressed bodies, bounded by entries and bytes. */
function createMemo(): Memo {
  const entries = new Map<string, { value: Promise<Buffer>; size: number }>();
  let bytes = 0;
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.size;
    entries.delete(key);
  };
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value) {
      const entry = { value, size: 0 };
      entries.set(key, entry);
      value.then(
        (buffer) => {
          if (entries.get(key) !== entry) return;
          entry.size = buffer.length;
          bytes += buffer.length;
          for (const oldest of entries.keys()) {
            if (bytes <= MEMO_BYTES && entries.size <= MEMO_ENTRIES) break;
            drop(oldest);
          }
        },
        () => drop(key),
      );
    },
  };
}

export interface CompressionOptions {
  /** The compressor (a test counts its calls). */
  encode?: typeof encodeBody;
}

export function compressJson(options: CompressionOptions = {}) {
  const encode = options.encode ?? encodeBody;
  const memo = createMemo();
  return async (ctx: Context, next: Next): Promise<void> => {
    await next();
    if (ctx.response.get('Content-Encoding') !== undefined) return;
    if (ctx.status === 304) {
      // The 304 stands for a JSON body that varies with the coding: caches must know it too.
      if (ctx.path.startsWith('/api/') && ctx.response.get('ETag') !== undefined) ctx.vary('Accept-Encoding');
      return;
    }
    if (!isFinishedJson(ctx)) return;
    ctx.vary('Accept-Encoding');
    const coding = pickContentCoding(ctx.get('Accept-Encoding') || undefined);
    if (coding === null) return;
    const text = bodyBytes(ctx.body);
    if (text.length < MIN_BYTES) return;
    const effort: CompressionEffort = ctx.state[BEST] === true ? 'best' : 'fast';
    const etag = ctx.response.get('ETag');
    let encoded: Promise<Buffer>;
    if (typeof etag !== 'string' || etag === '') {
      encoded = encode(text, coding, effort);
    } else {
      const key = `${coding} ${effort} ${etag}`;
      const kept = memo.get(key);
      encoded = kept ?? encode(text, coding, effort);
      if (!kept) memo.set(key, encoded);
    }
    let body: Buffer;
    try {
      body = await encoded;
    } catch {
      return; // zlib failed (out of memory): the answer goes out uncompressed, as to a client that never asked
    }
    // Koa keeps the Content-Type the route set and takes the Buffer's length.
    ctx.body = body;
    ctx.set('Content-Encoding', coding);
  };
}

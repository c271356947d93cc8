// Answers a JSON body that may be revalidated: a weak ETag of its bytes and `Cache-Control:
// no-cache`, so a client asks again each time but gets a bodiless 304 when nothing changed
// (If-None-Match). The items answers carry their clock (asOf, ages), so theirs change each second
// at most; history changes only when a bucket does. The ETag stays the same whatever the content
// coding (compression.ts): a weak validator names the content, not its bytes on the wire.
import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import { preferBestCompression } from './compression';

/** A body serialised once, with the ETag of its bytes: kept by routes whose answer changes rarely. */
export interface PreparedJson {
  text: string;
  etag: string;
}

export function prepareJson(body: unknown): PreparedJson {
  const text = JSON.stringify(body);
  return { text, etag: `W/"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"` };
}

export interface SendOptions {
  /** The answer changes per sync, not per request, and is large: compress it as well as possible (once). */
  changesRarely?: boolean;
}

export function sendPreparedJson(ctx: Context, prepared: PreparedJson, options: SendOptions = {}): void {
  ctx.status = 200;
  ctx.type = 'application/json; charset=utf-8';
  ctx.set('Cache-Control', 'public, no-cache');
  ctx.etag = prepared.etag;
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  if (options.changesRarely) preferBestCompression(ctx);
  ctx.body = prepared.text;
}

export function sendCacheableJson(ctx: Context, body: unknown): void {
  sendPreparedJson(ctx, prepareJson(body));
}

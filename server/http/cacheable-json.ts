// Answers a JSON body that may be revalidated: a weak ETag of its bytes and `Cache-Control:
// no-cache`, so a client asks again each time but gets a bodiless 304 when nothing changed
// (If-None-Match). The items answers carry their clock (asOf, ages), so theirs change each second
// at most; history changes only when a bucket does.
import { createHash } from 'node:crypto';
import type { Context } from 'koa';

/** A body serialised once with its ETag, for an answer many requests share. */
export interface CacheableJson {
  text: string;
  etag: string;
}

export function toCacheableJson(body: unknown): CacheableJson {
  const text = JSON.stringify(body);
  return { text, etag: `W/"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"` };
}

export function sendCacheable(ctx: Context, prepared: CacheableJson): void {
  ctx.status = 200;
  ctx.type = 'application/json; charset=utf-8';
  ctx.set('Cache-Control', 'public, no-cache');
  ctx.etag = prepared.etag;
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.body = prepared.text;
}

export function sendCacheableJson(ctx: Context, body: unknown): void {
  sendCacheable(ctx, toCacheableJson(body));
}

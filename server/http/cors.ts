// CORS for the read-only API (docs/decisions/0009-cors.md): any origin may read /api/v1 with
// GET or HEAD, since every answer is public market data and no request carries credentials. The
// live stream is not shared: each stream holds a connection slot here, and other sites' visitors
// must not spend them.
import type { Context, Next } from 'koa';

const STREAM_PATH = '/api/v1/prices/stream';
/** Headers a page on another origin may read besides the safelisted ones. */
const EXPOSED = 'ETag, Retry-After, X-History-Source';

export function cors() {
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.path.startsWith('/api/v1/') && ctx.path !== STREAM_PATH) {
      if (ctx.method === 'GET' || ctx.method === 'HEAD') {
        ctx.set('Access-Control-Allow-Origin', '*');
        ctx.set('Access-Control-Expose-Headers', EXPOSED);
      } else if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method') !== '') {
        // A preflight: only GET and HEAD are shared, with no extra request headers.
        ctx.set('Access-Control-Allow-Origin', '*');
        ctx.set('Access-Control-Allow-Methods', 'GET, HEAD');
        ctx.set('Access-Control-Max-Age', '86400');
      }
    }
    await next();
  };
}

// Only the push subscription routes take a request body (read by json-body.ts, bounded); anywhere
// else none is ever waited for: a request that announces one (a Content-Length above 0, or any
// Transfer-Encoding) is answered 413 at once and its connection closed, instead of Node draining a
// body the client may drip for as long as it likes.
import type { Context, Next } from 'koa';
import { HttpError } from '../http-error';

/** The requests that may carry a body: POST and PUT on the push subscription routes. */
export function takesBody(method: string, path: string): boolean {
  return (method === 'POST' && path === '/api/v1/push/subscriptions') || (method === 'PUT' && path.startsWith('/api/v1/push/subscriptions/'));
}

export function refuseBodies() {
  return async (ctx: Context, next: Next): Promise<void> => {
    const { headers } = ctx.req;
    if (takesBody(ctx.method, ctx.path)) return next();
    const length = headers['content-length'];
    if (headers['transfer-encoding'] !== undefined || (length !== undefined && length.trim() !== '0')) {
      // Connection: close makes Node end the socket after the answer rather than read the body.
      ctx.set('Connection', 'close');
      throw new HttpError(413, 'body_not_allowed', 'this server takes no request bodies; send the request without one');
    }
    await next();
  };
}

// The error middleware, registered first: every error leaves as `{"error":{"code","message"}}`,
// never a stack trace. An error the client may see is answered as it says; anything else is a 500
// "internal" handed to the app's one logging hook (app.on('error') in server/app.ts).
import type { Context, Next } from 'koa';
import { HttpError } from '../http-error';

export function errorMiddleware() {
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
    } catch (error) {
      const shown = toHttpError(error);
      if (shown?.expose) {
        ctx.status = shown.status;
        if (shown.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(shown.retryAfterSeconds));
        ctx.body = { error: { code: shown.code, message: shown.message } };
        return;
      }
      ctx.status = 500;
      ctx.body = { error: { code: 'internal', message: 'internal error' } };
      ctx.app.emit('error', error, ctx);
    }
  };
}

/**
 * Ours as it is; Koa's own (http-errors, e.g. ctx.throw or a malformed URL) carry `status` and
 * `expose` themselves, and those it marks as safe to show become a bad_request with the short
 * message. Anything else is not ours to show.
 */
function toHttpError(error: unknown): HttpError | null {
  if (error instanceof HttpError) return error;
  if (!(error instanceof Error)) return null;
  const { status, expose } = error as { status?: unknown; expose?: unknown };
  if (typeof status !== 'number') return null;
  return new HttpError(status, 'bad_request', error.message || 'bad request', { expose: expose === true, cause: error });
}

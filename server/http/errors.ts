import type { Context, Next } from 'koa';
import type { Logger } from '../logger';

export type ErrorCode =
  | 'bad_request'
  | 'invalid_parameter'
  | 'not_found'
  | 'unknown_item'
  | 'stream_disabled'
  | 'too_many_clients'
  | 'shutting_down'
  | 'upstream_unavailable'
  | 'internal';

/** An operational error: its message is shown to the client with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Registered first: every error leaves as `{"error":{"code","message"}}`, never a stack trace. */
export function errorMiddleware(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
    } catch (error) {
      if (error instanceof HttpError) {
        ctx.status = error.status;
        ctx.set(error.headers);
        ctx.body = { error: { code: error.code, message: error.message } };
        return;
      }
      const status = (error as { status?: unknown }).status;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        // Koa's own client errors (e.g. a malformed URL): show the short message only.
        ctx.status = status;
        ctx.body = { error: { code: 'bad_request', message: (error as Error).message || 'bad request' } };
        return;
      }
      logger.error({ err: error, method: ctx.method, path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.body = { error: { code: 'internal', message: 'internal error' } };
    }
  };
}

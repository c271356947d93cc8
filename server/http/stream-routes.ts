import type Router from '@koa/router';
import type { AppDeps } from '../app-deps';
import { StreamRequestError } from '../stream/stream-request';
import { HttpError } from './errors';

export function registerStreamRoutes(router: Router, deps: Pick<AppDeps, 'stream'>): void {
  router.get('/api/v1/prices/stream', async (ctx) => {
    const stream = deps.stream;
    if (stream === undefined) {
      throw new HttpError(404, 'stream_disabled', 'the live price stream is turned off on this server (SSE_ENABLED=false); poll /api/v1/prices/latest instead');
    }
    try {
      await stream.handle(ctx);
    } catch (error) {
      if (!(error instanceof StreamRequestError)) throw error;
      const headers: Record<string, string> = error.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(error.retryAfterSeconds) };
      throw new HttpError(error.status, error.code, error.message, headers);
    }
  });
}

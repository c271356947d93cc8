import type Router from '@koa/router';
import type { AppDeps } from '../app-deps';
import { HttpError } from '../http-error';

export function registerStreamRoutes(router: Router, deps: Pick<AppDeps, 'stream'>): void {
  router.get('/api/v1/prices/stream', async (ctx) => {
    if (deps.stream === undefined) {
      throw new HttpError(404, 'stream_disabled', 'the live price stream is turned off on this server (SSE_ENABLED=false); poll /api/v1/prices/latest instead');
    }
    // Refusals (bad filter, unknown items, limits, shutdown) are HttpErrors: the middleware answers them.
    await deps.stream.handle(ctx);
  });
}

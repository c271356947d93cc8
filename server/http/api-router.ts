// The /api router: every route module registered on one router, and the answer for what none takes.
import Router from '@koa/router';
import type { AppDeps } from '../app-deps';
import { HttpError } from '../http-error';
import { registerItemRoutes } from './items-routes';
import { registerPriceRoutes } from './prices-routes';
import { registerHistoryRoutes } from './history-routes';
import { registerHealthRoutes } from './health-routes';
import { registerStreamRoutes } from './stream-routes';
import { registerMetricsRoutes } from './metrics-routes';
import { registerMoversRoutes } from './movers-routes';
import { registerHourlyRoutes } from './hourly-routes';
import { registerPushRoutes } from './push-routes';

const FALLBACK = 'api-fallback';

/** The methods of the routes (other than the fallback) whose path matched, and OPTIONS. */
function allowedMethods(matched: ReadonlyArray<{ name?: string | null; methods: string[] }>): string[] {
  const methods = new Set<string>();
  for (const layer of matched) if (layer.name !== FALLBACK) for (const method of layer.methods) methods.add(method);
  if (methods.size > 0) methods.add('OPTIONS');
  return [...methods];
}

export function apiRouter(deps: AppDeps): Router {
  const router = new Router();
  registerHealthRoutes(router, deps);
  registerItemRoutes(router, deps);
  registerPriceRoutes(router, deps);
  registerHourlyRoutes(router, deps);
  registerHistoryRoutes(router, deps);
  registerStreamRoutes(router, deps);
  registerMetricsRoutes(router, deps, 'public');
  registerMoversRoutes(router, deps);
  registerPushRoutes(router, deps);
  // Every /api path ends here when no route answered it: a known path asked with another method
  // is a 405 naming the methods it takes (OPTIONS is answered with them); an unknown path is a
  // JSON 404, never the SPA's index.html.
  router.all(FALLBACK, /^\/api\/.*/, (ctx) => {
    const allowed = allowedMethods(ctx.matched ?? []);
    if (allowed.length === 0) throw new HttpError(404, 'not_found', 'no such API route');
    ctx.set('Allow', allowed.join(', '));
    if (ctx.method === 'OPTIONS') {
      ctx.status = 204;
      return;
    }
    throw new HttpError(405, 'method_not_allowed', `${ctx.method} is not allowed on ${ctx.path}; it takes ${allowed.join(', ')}`);
  });
  return router;
}

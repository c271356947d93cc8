import Router from '@koa/router';
import type { AppDeps } from '../app-deps';
import { HttpError } from '../http-error';
import { registerItemRoutes } from './items-routes';
import { registerPriceRoutes } from './prices-routes';
import { registerHistoryRoutes } from './history-routes';
import { registerHealthRoutes } from './health-routes';
import { registerStreamRoutes } from './stream-routes';
import { registerMetricsRoutes } from './metrics-routes';

export function apiRouter(deps: AppDeps): Router {
  const router = new Router();
  registerHealthRoutes(router, deps);
  registerItemRoutes(router, deps);
  registerPriceRoutes(router, deps);
  registerHistoryRoutes(router, deps);
  registerStreamRoutes(router, deps);
  registerMetricsRoutes(router, deps);
  // Unknown API paths are JSON 404s, never the SPA's index.html.
  router.all(/^\/api\/.*/, () => {
    throw new HttpError(404, 'not_found', 'no such API route');
  });
  return router;
}

// The app behind METRICS_PORT: /metrics alone, with the main app's error answers, so metrics can
// be scraped on a port that is not published while the public port never shows them.
import Router from '@koa/router';
import Koa from 'koa';
import type { AppDeps } from '../app-deps';
import { errorMiddleware } from './errors';
import { registerMetricsRoutes } from './metrics-routes';
import { securityHeaders } from './security-headers';

export function createMetricsApp(deps: Pick<AppDeps, 'config' | 'metrics' | 'logger'>): Koa {
  const app = new Koa();
  app.on('error', (err: unknown) => deps.logger.warn({ err }, 'metrics request failed'));
  app.use(securityHeaders());
  app.use(errorMiddleware());
  const router = new Router();
  registerMetricsRoutes(router, deps, 'own-port');
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}

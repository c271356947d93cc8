// Builds the Koa app from its dependencies; never listens (tests use app.callback()).
import Koa from 'koa';
import type { AppDeps } from './app-deps';
import { errorMiddleware } from './http/errors';
import { apiRouter } from './http/api-router';
import { staticFiles } from './http/static-files';

export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: deps.config.trustProxy });
  // The single logging hook for errors Koa itself sees (socket errors, etc.).
  app.on('error', (err: unknown) => deps.logger.warn({ err }, 'koa error'));
  app.use(errorMiddleware(deps.logger));
  const api = apiRouter(deps);
  app.use(api.routes());
  app.use(api.allowedMethods());
  app.use(staticFiles(deps.config.staticDir));
  return app;
}

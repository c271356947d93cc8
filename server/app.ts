// Builds the Koa app from its dependencies; never listens (tests use app.callback()).
import Koa, { type Context } from 'koa';
import type { AppDeps } from './app-deps';
import { errorMiddleware } from './http/errors';
import { apiRouter } from './http/api-router';
import { staticFiles } from './http/static-files';

export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: deps.config.trustProxy });
  // The single logging hook: the error middleware hands it every 500 it answers, and Koa every
  // error it sees itself (a socket or body stream failing once the answer is under way).
  app.on('error', (err: unknown, ctx?: Context) => {
    if (ctx !== undefined && !ctx.headerSent) deps.logger.error({ err, method: ctx.method, path: ctx.path }, 'request failed');
    else deps.logger.warn({ err }, 'koa error');
  });
  app.use(errorMiddleware());
  const api = apiRouter(deps);
  app.use(api.routes());
  app.use(api.allowedMethods());
  app.use(staticFiles(deps.config.staticDir));
  return app;
}

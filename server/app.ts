// Builds the Koa app from its dependencies; never listens (tests use app.callback()).
import Koa, { type Context } from 'koa';
import type { AppDeps } from './app-deps';
import { clientAddressMiddleware } from './http/client-address';
import { compressJson } from './http/compression';
import { cors } from './http/cors';
import { errorMiddleware } from './http/errors';
import { securityHeaders } from './http/security-headers';
import { refuseBodies } from './http/refuse-bodies';
import { apiRouter } from './http/api-router';
import { staticFiles } from './http/static-files';

export function createApp(deps: AppDeps): Koa {
  // Koa's own proxy reading stays off: it believes the leftmost X-Forwarded-For, which the client
  // writes. ctx.ip is set by clientAddressMiddleware instead.
  const app = new Koa({ proxy: false });
  // The single logging hook: the error middleware hands it every 500 it answers, and Koa every
  // error it sees itself (a socket or body stream failing once the answer is under way).
  app.on('error', (err: unknown, ctx?: Context) => {
    if (ctx !== undefined && !ctx.headerSent) deps.logger.error({ err, method: ctx.method, path: ctx.path }, 'request failed');
    else deps.logger.warn({ err }, 'koa error');
  });
  app.use(securityHeaders());
  app.use(cors());
  // Outside the error middleware, so error bodies are compressed like any other JSON.
  app.use(compressJson());
  app.use(errorMiddleware());
  app.use(refuseBodies());
  app.use(clientAddressMiddleware(deps.config.trustProxy));
  const api = apiRouter(deps);
  app.use(api.routes());
  app.use(api.allowedMethods());
  app.use(staticFiles(deps.config.staticDir));
  return app;
}

// Builds the Koa app from its dependencies; never listens (tests use app.callback()).
import Koa from 'koa';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import type { Db } from './store/db';
import type { StreamService } from './stream/stream-service';
import type { HistoryBackfill } from './sync/history-backfill';
import type { UnrecordedOutcomes } from './sync/job-runner';
import { errorMiddleware } from './http/errors';
import { apiRouter } from './http/api-router';
import { staticFiles } from './http/static-files';

export interface AppDeps {
  config: Config;
  db: Db;
  logger: Logger;
  metrics: Metrics;
  /** The live stream; absent when SSE_ENABLED=false or in REST-only tests. */
  stream?: StreamService;
  /** Fetches /timeseries for history the store lacks; absent in tests that don't need it. */
  backfillHistory?: HistoryBackfill;
  /** Sync outcomes the store could not record (a read-only or full disk); health shows them. */
  unrecordedOutcomes?: () => UnrecordedOutcomes;
}

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

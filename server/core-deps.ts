// What every part of the server is built from: the app, the sync and the stream alike. Its own
// module so each can name it without importing the others.
import type { Config } from './config';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import type { Db } from './store/db';

export interface CoreDeps {
  config: Config;
  db: Db;
  logger: Logger;
  metrics: Metrics;
}

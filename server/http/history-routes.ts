import type Router from '@koa/router';
import type { AppDeps } from '../app-deps';
import type { HistoryResponse } from '../../shared/protocol/api';
import { itemExists } from '../store/catalogue-query';
import { readBucketRange, readBuckets } from '../store/history-query';
import { HttpError } from '../http-error';
import { createBackfillGate, type HistorySource } from './history-backfill';
import { lacksHistory, retentionSeconds } from './history-coverage';
import { HistoryQuerySchema, ItemIdParamsSchema } from './request-schemas';
import { validate } from './validate';

const parseItemId = validate(ItemIdParamsSchema);
const parseHistoryQuery = validate(HistoryQuerySchema);

/**
 * GET /api/v1/items/:id/history. The X-History-Source header says what the buckets are:
 * `stored` (the store had enough), `backfilled` (fetched from the wiki's /timeseries just now), or
 * `stored; upstream unavailable` (the store lacked history and the wiki could not be reached in
 * time: the answer is the last good data, possibly partial or empty).
 */
export function registerHistoryRoutes(router: Router, deps: Pick<AppDeps, 'config' | 'db' | 'logger' | 'backfillHistory' | 'now'>): void {
  const nowSeconds = (): number => Math.floor(deps.now() / 1000);
  const gate = deps.backfillHistory
    ? createBackfillGate({
        backfill: deps.backfillHistory,
        waitMs: deps.config.sync.upstreamTimeoutMs,
        logger: deps.logger,
        nowSeconds,
      })
    : null;

  router.get('/api/v1/items/:id/history', async (ctx) => {
    const { id } = parseItemId(ctx.params);
    const { timestep, since } = parseHistoryQuery(ctx.query);
    if (!(await itemExists(deps.db, id))) throw new HttpError(404, 'unknown_item', `no item with id ${id}`);

    let source: HistorySource = 'stored';
    if (gate) {
      const range = await readBucketRange(deps.db, id, timestep);
      if (lacksHistory(range, timestep, nowSeconds(), retentionSeconds(deps.config.retention, timestep))) {
        source = await gate.run(id, timestep);
      }
    }
    const body: HistoryResponse = { itemId: id, timestep, buckets: await readBuckets(deps.db, id, timestep, since) };
    ctx.set('X-History-Source', source);
    ctx.body = body;
  });
}

import type Router from '@koa/router';
import type { AppDeps } from '../app-deps';
import type { HistoryResponse } from '../../shared/protocol/api';
import { itemExists } from '../store/catalogue-query';
import { readBuckets } from '../store/history-query';
import type { HistorySource } from '../sync/history-backfill';
import { HttpError } from '../http-error';
import { HistoryQuerySchema, ItemIdParamsSchema } from './request-schemas';
import { validate } from './validate';

const parseItemId = validate(ItemIdParamsSchema);
const parseHistoryQuery = validate(HistoryQuerySchema);

/**
 * GET /api/v1/items/:id/history. The X-History-Source header says what the buckets are:
 * `stored` (the store had enough), `backfilled` (fetched from the wiki's /timeseries just now), or
 * `stored; upstream unavailable` (the store lacked history and the wiki could not be reached in
 * time: the answer is the last good data, possibly partial or empty). Whether the wiki is asked is
 * the history backfill's decision; the route only bounds the wait by the upstream timeout.
 */
export function registerHistoryRoutes(router: Router, deps: Pick<AppDeps, 'config' | 'db' | 'backfillHistory'>): void {
  router.get('/api/v1/items/:id/history', async (ctx) => {
    const { id } = parseItemId(ctx.params);
    const { timestep, since } = parseHistoryQuery(ctx.query);
    if (!(await itemExists(deps.db, id))) throw new HttpError(404, 'unknown_item', `no item with id ${id}`);

    const source: HistorySource = deps.backfillHistory
      ? await deps.backfillHistory.backfillWithin(id, timestep, deps.config.sync.upstreamTimeoutMs)
      : 'stored';
    const body: HistoryResponse = { itemId: id, timestep, buckets: await readBuckets(deps.db, id, timestep, since) };
    ctx.set('X-History-Source', source);
    ctx.body = body;
  });
}

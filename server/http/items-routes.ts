import type Router from '@koa/router';
import type { AppDeps } from '../app-deps';
import { ItemsQuerySchema, type ItemRow, type ItemsResponse } from '../../shared/protocol/api';
import { HttpError } from '../http-error';
import { createCatalogueCache } from './catalogue-cache';
import { listItems } from './item-list';
import { toItemRow } from './item-row';
import { ItemIdParamsSchema } from './request-schemas';
import { validate } from './validate';

const parseItemsQuery = validate(ItemsQuerySchema);
const parseItemId = validate(ItemIdParamsSchema);

export function registerItemRoutes(router: Router, deps: Pick<AppDeps, 'config' | 'db' | 'now'>): void {
  const nowSeconds = (): number => Math.floor(deps.now() / 1000);
  const catalogue = createCatalogueCache(deps.db, nowSeconds);
  const staleAfter = deps.config.staleAfterMs / 1000;

  router.get('/api/v1/items', async (ctx) => {
    const query = parseItemsQuery(ctx.query);
    const { listed } = await catalogue.read();
    const now = nowSeconds();
    const page = listItems(listed, query);
    const body: ItemsResponse = {
      items: page.entries.map((entry) => toItemRow(entry.record, now, staleAfter)),
      total: page.total,
      limit: query.limit,
      offset: query.offset,
      asOf: now,
    };
    ctx.body = body;
  });

  router.get('/api/v1/items/:id', async (ctx) => {
    const { id } = parseItemId(ctx.params);
    const entry = (await catalogue.read()).byId.get(id);
    if (!entry) throw new HttpError(404, 'unknown_item', `no item with id ${id}`);
    const body: ItemRow = toItemRow(entry.record, nowSeconds(), staleAfter);
    ctx.body = body;
  });
}

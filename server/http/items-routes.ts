import type Router from '@koa/router';
import type { AppDeps } from '../app-deps';
import { ItemsQuerySchema, type CatalogueResponse, type ItemRow, type ItemsResponse } from '../../shared/protocol/api';
import { unknownItems } from '../known-items';
import { createCatalogueCache, type Catalogue } from './catalogue-cache';
import { prepareJson, sendCacheableJson, sendPreparedJson, type PreparedJson } from './cacheable-json';
import { listItems } from './item-list';
import { toCatalogueItem, toItemRow } from './item-row';
import { ItemIdParamsSchema } from './request-schemas';
import { validate } from './validate';

const parseItemsQuery = validate(ItemsQuerySchema);
const parseItemId = validate(ItemIdParamsSchema);

export function registerItemRoutes(router: Router, deps: Pick<AppDeps, 'config' | 'db' | 'now'>): void {
  const nowSeconds = (): number => Math.floor(deps.now() / 1000);
  const catalogue = createCatalogueCache(deps.db, nowSeconds);
  const staleAfter = deps.config.staleAfterMs / 1000;
  // The device's catalogue, serialised (and, by the compression, compressed) once per change of
  // the mapping or the volumes; price changes leave it as it is.
  let facts: { version: string; prepared: PreparedJson } | null = null;
  const catalogueFacts = (current: Catalogue): PreparedJson => {
    if (facts?.version !== current.factsVersion) {
      const body: CatalogueResponse = { items: current.listed.map((entry) => toCatalogueItem(entry.record)) };
      facts = { version: current.factsVersion, prepared: prepareJson(body) };
    }
    return facts.prepared;
  };

  router.get('/api/v1/catalogue', async (ctx) => {
    sendPreparedJson(ctx, catalogueFacts(await catalogue.read()), { changesRarely: true });
  });

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
    sendCacheableJson(ctx, body);
  });

  router.get('/api/v1/items/:id', async (ctx) => {
    const { id } = parseItemId(ctx.params);
    const entry = (await catalogue.read()).byId.get(id);
    if (!entry) throw unknownItems([id]);
    const body: ItemRow = toItemRow(entry.record, nowSeconds(), staleAfter);
    sendCacheableJson(ctx, body);
  });
}

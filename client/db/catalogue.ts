// The item catalogue (names, limits, alch values, volumes). Replaced whole on each download so
// items the server dropped disappear, together with the ETag it came with; prices live in `latest`.
import { isCatalogueItem, type CatalogueItem } from './records';
import { keepValid } from './guards';
import { replaceStore } from './quota';
import type { GeDb } from './schema';

export async function replaceCatalogue(db: GeDb, items: readonly CatalogueItem[], at: number, etag: string | null): Promise<void> {
  await replaceStore(db, 'items', items, etag === null ? { catalogueAt: at } : { catalogueAt: at, catalogueTag: etag });
}

export async function listCatalogue(db: GeDb): Promise<CatalogueItem[]> {
  return keepValid(isCatalogueItem, await db.getAll('items'));
}

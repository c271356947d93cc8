// The item catalogue (names, limits, alch values, volumes). Replaced whole on each download so
// items the server dropped disappear; prices live in `latest`.
import { CatalogueItemSchema, parseRows, type CatalogueItem } from './records';
import type { GeDb } from './schema';

export async function replaceCatalogue(db: GeDb, items: readonly CatalogueItem[], at: number): Promise<void> {
  const tx = db.transaction(['items', 'meta'], 'readwrite');
  const store = tx.objectStore('items');
  void store.clear();
  for (const item of items) void store.put(item);
  void tx.objectStore('meta').put(at, 'catalogueAt');
  await tx.done;
}

export async function listCatalogue(db: GeDb): Promise<CatalogueItem[]> {
  return parseRows(CatalogueItemSchema, await db.getAll('items'));
}

export async function getCatalogueItem(db: GeDb, itemId: number): Promise<CatalogueItem | undefined> {
  const result = CatalogueItemSchema.safeParse(await db.get('items', itemId));
  return result.success ? result.data : undefined;
}

// The item catalogue (names, limits, alch values, volumes). Replaced whole on each download so
// items the server dropped disappear; prices live in `latest`.
import { isCatalogueItem, type CatalogueItem } from './records';
import { keepValid } from './guards';
import { withQuotaRetry } from './quota';
import type { GeDb } from './schema';

export async function replaceCatalogue(db: GeDb, items: readonly CatalogueItem[], at: number): Promise<void> {
  await withQuotaRetry(db, async () => {
    const tx = db.transaction(['items', 'meta'], 'readwrite');
    const store = tx.objectStore('items');
    void store.clear();
    for (const item of items) void store.put(item);
    void tx.objectStore('meta').put(at, 'catalogueAt');
    await tx.done;
  });
}

export async function listCatalogue(db: GeDb): Promise<CatalogueItem[]> {
  return keepValid(isCatalogueItem, await db.getAll('items'));
}

// Maps REST answers to what the device stores.
import type { ItemRow, LatestPricesResponse } from '../../shared/protocol/api';
import type { CatalogueItem, PriceRecord } from '../db/records';

export function toCatalogueItem(row: ItemRow): CatalogueItem {
  const { id, name, examine, members, icon, limit, value, lowalch, highalch, volume1h, volume24h } = row;
  return { id, name, examine, members, icon, limit, value, lowalch, highalch, volume1h, volume24h };
}

export function toPriceRecords(response: LatestPricesResponse): PriceRecord[] {
  const records: PriceRecord[] = [];
  for (const [key, price] of Object.entries(response.prices)) {
    const itemId = Number(key);
    if (Number.isSafeInteger(itemId)) records.push({ itemId, ...price });
  }
  return records;
}

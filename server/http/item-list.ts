// Filtering, ranking, sorting and paging of catalogue entries for GET /api/v1/items.
import type { ItemSortColumn, ItemsQuery } from '../../shared/protocol/api';
import { normaliseQuery, rankName } from '../../shared/domain/search-rank';
import { compareNames, type CatalogueEntry } from './catalogue-cache';

type SortKey = number | string | null;

const SORT_KEY: Record<ItemSortColumn, (entry: CatalogueEntry) => SortKey> = {
  name: (e) => e.record.nameLower,
  id: (e) => e.record.id,
  high: (e) => e.record.high,
  low: (e) => e.record.low,
  margin: (e) => e.figures.margin,
  tax: (e) => e.figures.tax,
  profit: (e) => e.figures.profit,
  roi: (e) => e.figures.roi,
  limit: (e) => e.record.limit,
  highalch: (e) => e.record.highalch,
  alchProfit: (e) => e.figures.alchProfit,
  volume1h: (e) => e.record.volume1h,
  volume24h: (e) => e.record.volume24h,
  highTime: (e) => e.record.highTime,
  lowTime: (e) => e.record.lowTime,
  value: (e) => e.record.value,
};

/** Names and ids read naturally A to Z; figures are most useful largest first. */
function defaultOrder(column: ItemSortColumn): 'asc' | 'desc' {
  return column === 'name' || column === 'id' ? 'asc' : 'desc';
}

/** Sorts by one column; missing values go last in both directions, ties by name. */
function sortBy(entries: CatalogueEntry[], column: ItemSortColumn, order: 'asc' | 'desc'): CatalogueEntry[] {
  const key = SORT_KEY[column];
  const direction = order === 'asc' ? 1 : -1;
  const keyed = entries.map((entry) => ({ entry, key: key(entry) }));
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key === b.key) return compareNames(a.entry.record, b.entry.record);
      return a.key === null ? 1 : -1;
    }
    if (a.key !== b.key) return (a.key < b.key ? -1 : 1) * direction;
    return compareNames(a.entry.record, b.entry.record);
  });
  return keyed.map((k) => k.entry);
}

/** Entries matching the query's name search, best match first (then by name). */
function search(entries: CatalogueEntry[], text: string): CatalogueEntry[] {
  const query = normaliseQuery(text);
  const ranked: Array<{ entry: CatalogueEntry; rank: number }> = [];
  for (const entry of entries) {
    const rank = rankName(entry.record.nameLower, query);
    if (rank !== null) ranked.push({ entry, rank });
  }
  // Stable sort over name-ordered entries: equal ranks stay in name order.
  ranked.sort((a, b) => a.rank - b.rank);
  return ranked.map((r) => r.entry);
}

export interface ItemPage {
  entries: CatalogueEntry[];
  total: number;
}

/**
 * `listed` must be in name order. With a search and no sort, results are by relevance; an explicit
 * sort orders the matches by that column instead.
 */
export function listItems(listed: CatalogueEntry[], query: ItemsQuery): ItemPage {
  let entries = listed;
  if (query.members !== undefined) {
    const members = query.members === 'true';
    entries = entries.filter((entry) => entry.record.members === members);
  }
  const text = query.q?.trim() ?? '';
  if (text !== '') entries = search(entries, text);
  if (query.sort !== undefined) {
    entries = sortBy(entries, query.sort, query.order ?? defaultOrder(query.sort));
  } else if (text === '' && query.order === 'desc') {
    entries = [...entries].reverse();
  }
  return { entries: entries.slice(query.offset, query.offset + query.limit), total: entries.length };
}

// Filters and sorts the whole catalogue on the device: no request, so search is instant offline.
import { computeFigures, type Figures } from '../../shared/domain/figures';
import { formatAge } from '../../shared/domain/price-format';
import type { CatalogueItem, PriceRecord } from '../db/records';
import type { PriceMap } from '../state/prices-store';
import { parseRangeFilters, type SortKey, type TableQuery } from './table-query';

/**
 * A leg older than this is flagged stale until the server has said its own STALE_AFTER
 * (`AppData.staleAfter`): the server's default.
 */
export const STALE_AFTER_SECONDS = 3600;

/** "an hour", "2h": for the stale mark's explanation. */
export function describeStaleAfter(staleAfter: number): string {
  return staleAfter === 3600 ? 'an hour' : formatAge(0, staleAfter);
}

export function figuresOf(item: CatalogueItem, price: PriceRecord | undefined, now: number, staleAfter = STALE_AFTER_SECONDS): Figures {
  return computeFigures(
    {
      itemId: item.id,
      highalch: item.highalch,
      high: price?.high ?? null,
      highTime: price?.highTime ?? null,
      low: price?.low ?? null,
      lowTime: price?.lowTime ?? null,
    },
    now,
    staleAfter,
  );
}

const FIGURE_KEYS = new Set<SortKey>(['margin', 'tax', 'profit', 'roi']);

function sortValue(key: SortKey, item: CatalogueItem, price: PriceRecord | undefined, figures: Figures | null): number | string | null {
  switch (key) {
    case 'name': return item.name.toLowerCase();
    case 'low': return price?.low ?? null;
    case 'high': return price?.high ?? null;
    case 'limit': return item.limit;
    case 'volume': return item.volume24h;
    case 'highalch': return item.highalch;
    // Youngest first when ascending: sort on the negated trade time.
    case 'lowAge': return price?.lowTime == null ? null : -price.lowTime;
    case 'highAge': return price?.highTime == null ? null : -price.highTime;
    default: return figures ? figures[key] : null;
  }
}

/** 0 exact, 1 prefix, 2 a word starts with it, 3 contains it, -1 no match. */
export function matchRank(name: string, needle: string): number {
  const hay = name.toLowerCase();
  if (hay === needle) return 0;
  if (hay.startsWith(needle)) return 1;
  const at = hay.indexOf(needle);
  if (at < 0) return -1;
  return /[\s(-]/.test(hay[at - 1] ?? '') ? 2 : 3;
}

interface Candidate {
  item: CatalogueItem;
  rank: number;
  key: number | string | null;
}

function compare(a: Candidate, b: Candidate, ascending: boolean): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  // A missing value sorts last whichever the direction: a dash is never "cheapest".
  if (a.key === null || b.key === null) return a.key === b.key ? 0 : a.key === null ? 1 : -1;
  const order = a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  return (ascending ? order : -order) || (a.item.name < b.item.name ? -1 : a.item.name > b.item.name ? 1 : 0);
}

export function selectRows(
  items: readonly CatalogueItem[],
  prices: PriceMap,
  query: TableQuery,
  now: number,
  staleAfter = STALE_AFTER_SECONDS,
): CatalogueItem[] {
  const needle = query.q.trim().toLowerCase();
  const range = parseRangeFilters(query);
  const key: SortKey = query.sort ?? 'volume';
  const ascending = query.sort === null ? false : query.dir === 'asc';
  // Figures cost a tax computation per item: only worked out when a filter or the sort needs them.
  const needFigures = range.minMargin !== null || FIGURE_KEYS.has(key);
  const candidates: Candidate[] = [];
  for (const item of items) {
    if (query.members === 'members' && !item.members) continue;
    if (query.members === 'f2p' && item.members) continue;
    const rank = needle === '' ? 0 : matchRank(item.name, needle);
    if (rank < 0) continue;
    const price = prices[item.id];
    const figures = needFigures ? figuresOf(item, price, now, staleAfter) : null;
    if (range.minMargin !== null && (figures?.margin == null || figures.margin < range.minMargin)) continue;
    if (range.minVolume !== null && (item.volume24h === null || item.volume24h < range.minVolume)) continue;
    if (range.maxPrice !== null && (price?.low == null || price.low > range.maxPrice)) continue;
    // An explicit sort wins over relevance; without one, the best name match comes first.
    candidates.push({ item, rank: query.sort === null ? rank : 0, key: sortValue(key, item, price, figures) });
  }
  return candidates.sort((a, b) => compare(a, b, ascending)).map((c) => c.item);
}

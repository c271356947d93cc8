// Filters and sorts the whole catalogue on the device: no request, so search is instant offline.
import { hasLimitLeft, limitLeftOf } from '../../shared/domain/journal-limits';
import type { CatalogueItem, HourRecord, PriceRecord } from '../db/records';
import type { PriceMap } from '../state/prices-store';
import { oldestLegAge, STALE_AFTER_SECONDS, tradeFiguresOf, type TradeFigures } from './row-figures';
import type { SortKey } from './sort-keys';
import { parseRangeFilters, type RangeFilters, type TableQuery } from './table-query';

const FIGURE_KEYS = new Set<SortKey>(['margin', 'tax', 'profit', 'roi', 'potential', 'potentialVolume', 'marginVolume', 'alchProfit']);

function sortValue(key: SortKey, item: CatalogueItem, price: PriceRecord | undefined, figures: TradeFigures | null, left: LimitLeft): number | string | null {
  switch (key) {
    case 'name': return item.name.toLowerCase();
    case 'low': return price?.low ?? null;
    case 'high': return price?.high ?? null;
    case 'limit': return item.limit;
    case 'limitLeft': return limitLeftOf(left, item.id, item.limit);
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

/** An empty filter passes; a set one needs a known value on the right side of it. */
function below(value: number | null, limit: number | null): boolean {
  return limit !== null && (value === null || value < limit);
}

function filteredOut(range: RangeFilters, query: TableQuery, item: CatalogueItem, price: PriceRecord | undefined, figures: TradeFigures | null, now: number): boolean {
  if (below(figures?.margin ?? null, range.minMargin) || below(figures?.profit ?? null, range.minProfit) || below(figures?.roi ?? null, range.minRoi)) return true;
  if (below(item.volume24h, range.minVolume)) return true;
  if (range.maxPrice !== null && (price?.low == null || price.low > range.maxPrice)) return true;
  const age = range.maxAge === null ? null : oldestLegAge(price, now);
  if (range.maxAge !== null && (age === null || age > range.maxAge)) return true;
  return query.steady && (figures?.shaky ?? false);
}

/** Per item, the buy limit left in the journal's open windows (null: an unknown limit). */
export type LimitLeft = ReadonlyMap<number, number | null>;

export function selectRows(
  items: readonly CatalogueItem[],
  prices: PriceMap,
  query: TableQuery,
  now: number,
  staleAfter = STALE_AFTER_SECONDS,
  starred: ReadonlySet<number> = new Set(),
  limitLeft: LimitLeft = new Map(),
  /** Per item, its bucket of the newest 1h window: what "unstable" compares the latest legs with. */
  hourly: ReadonlyMap<number, HourRecord> = new Map(),
): CatalogueItem[] {
  const needle = query.q.trim().toLowerCase();
  const range = parseRangeFilters(query);
  const key: SortKey = query.sort ?? 'volume';
  const ascending = query.sort === null ? false : query.dir === 'asc';
  // Figures cost a tax computation per item: only worked out when a filter or the sort needs them.
  const needFigures = range.minMargin !== null || range.minProfit !== null || range.minRoi !== null || query.steady || FIGURE_KEYS.has(key);
  const candidates: Candidate[] = [];
  for (const item of items) {
    if (query.members === 'members' && !item.members) continue;
    if (query.members === 'f2p' && item.members) continue;
    if (query.starred === 'only' && !starred.has(item.id)) continue;
    if (query.limitLeft && !hasLimitLeft(limitLeft, item.id)) continue;
    const rank = needle === '' ? 0 : matchRank(item.name, needle);
    if (rank < 0) continue;
    const price = prices[item.id];
    const figures = needFigures ? tradeFiguresOf(item, price, now, staleAfter, hourly.get(item.id)) : null;
    if (filteredOut(range, query, item, price, figures, now)) continue;
    // An explicit sort wins over relevance; without one, the best name match comes first.
    const relevance = query.sort === null ? rank : 0;
    // Pinned stars come before everything else, each group in the chosen order.
    const pinned = query.starred === 'pin' && !starred.has(item.id) ? 10 : 0;
    candidates.push({ item, rank: pinned + relevance, key: sortValue(key, item, price, figures, limitLeft) });
  }
  return candidates.sort((a, b) => compare(a, b, ascending)).map((c) => c.item);
}

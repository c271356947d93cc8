// The table's search, sort and filters, as they live in the URL (?q=whip&sort=margin&dir=desc...),
// so a reload, a shared link or the back button shows the same view.
import { parsePrice } from '../../shared/domain/price-format';

export const SORT_KEYS = ['name', 'low', 'high', 'margin', 'tax', 'profit', 'roi', 'limit', 'volume', 'lowAge', 'highAge', 'highalch'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';
export type MembersFilter = 'all' | 'members' | 'f2p';

export interface TableQuery {
  q: string;
  /** null: best name match first when searching, else busiest first. */
  sort: SortKey | null;
  dir: SortDir;
  members: MembersFilter;
  /** As typed ("1.5m"): parsed with parsePrice when filtering. */
  minMargin: string;
  minVolume: string;
  maxPrice: string;
  /** Only items with buy limit left by the journal's open windows (`?limit=left`). */
  limitLeft: boolean;
}

export type SearchParams = Partial<Record<string, string | string[]>>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function oneOf<T extends string>(value: string, options: readonly T[], fallback: T): T {
  return (options as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function parseTableQuery(params: SearchParams): TableQuery {
  const sort = first(params.sort);
  return {
    q: first(params.q).slice(0, 100),
    sort: (SORT_KEYS as readonly string[]).includes(sort) ? (sort as SortKey) : null,
    dir: oneOf(first(params.dir), ['asc', 'desc'], 'desc'),
    members: oneOf(first(params.members), ['all', 'members', 'f2p'], 'all'),
    minMargin: first(params.minMargin),
    minVolume: first(params.minVolume),
    maxPrice: first(params.maxPrice),
    limitLeft: first(params.limit) === 'left',
  };
}

/** URL parameters for a query; defaults become undefined so the router drops them. */
export function toSearchParams(query: TableQuery): Record<string, string | undefined> {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    q: text(query.q),
    sort: query.sort ?? undefined,
    dir: query.sort === null ? undefined : query.dir,
    members: query.members === 'all' ? undefined : query.members,
    minMargin: text(query.minMargin),
    minVolume: text(query.minVolume),
    maxPrice: text(query.maxPrice),
    limit: query.limitLeft ? 'left' : undefined,
  };
}

/** The direction a column sorts in when first chosen: names A-Z, numbers biggest first, ages newest first. */
export function defaultDir(key: SortKey): SortDir {
  return key === 'name' || key === 'lowAge' || key === 'highAge' ? 'asc' : 'desc';
}

/** Clicking a header: a new column starts in its natural direction, the same one flips. */
export function nextSort(query: TableQuery, key: SortKey): Pick<TableQuery, 'sort' | 'dir'> {
  if (query.sort !== key) return { sort: key, dir: defaultDir(key) };
  return { sort: key, dir: query.dir === 'asc' ? 'desc' : 'asc' };
}

export interface RangeFilters {
  minMargin: number | null;
  minVolume: number | null;
  maxPrice: number | null;
}

export function parseRangeFilters(query: TableQuery): RangeFilters {
  const parse = (text: string) => (text.trim() === '' ? null : parsePrice(text));
  return { minMargin: parse(query.minMargin), minVolume: parse(query.minVolume), maxPrice: parse(query.maxPrice) };
}

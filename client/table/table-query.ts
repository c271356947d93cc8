// The table's search, sort, filters and columns, as they live in the URL
// (?q=whip&sort=profit&dir=desc&minRoi=2&cols=flip...), so a reload, a shared link or the back
// button shows the same view.
import { parseDuration } from '../../shared/domain/duration';
import { parsePrice } from '../../shared/domain/price-format';
import { formatColumnChoice, parseColumnChoice, type ColumnChoice } from './column-choice';
import { SORT_KEYS, type SortDir, type SortKey } from './sort-keys';

export type MembersFilter = 'all' | 'members' | 'f2p';
/** Starred items: mixed in, pinned to the top, or the only rows. */
export type StarredMode = 'mixed' | 'pin' | 'only';

/** The filters typed as text ("1.5m", "2%", "30m"): read when filtering, kept as typed. */
export const TEXT_FILTERS = ['minMargin', 'minProfit', 'minRoi', 'minVolume', 'maxPrice', 'maxAge'] as const;
export type TextFilter = (typeof TEXT_FILTERS)[number];

export type TableQuery = Record<TextFilter, string> & {
  q: string;
  /** null: best name match first when searching, else busiest first. */
  sort: SortKey | null;
  dir: SortDir;
  members: MembersFilter;
  /** Hide thin or unstable items (shared/domain/market-flags.ts). */
  steady: boolean;
  starred: StarredMode;
  /** Only items with buy limit left by the journal's open windows (`?limit=left`). */
  limitLeft: boolean;
  /** The columns chosen in the URL (a preset or a custom set); null: those kept on the device. */
  cols: ColumnChoice | null;
};

export type SearchParams = Partial<Record<string, string | string[]>>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function oneOf<T extends string>(value: string, options: readonly T[], fallback: T): T {
  return (options as readonly string[]).includes(value) ? (value as T) : fallback;
}

export function parseTableQuery(params: SearchParams): TableQuery {
  const sort = first(params.sort);
  const text = Object.fromEntries(TEXT_FILTERS.map((key) => [key, first(params[key])])) as Record<TextFilter, string>;
  return {
    ...text,
    q: first(params.q).slice(0, 100),
    sort: (SORT_KEYS as readonly string[]).includes(sort) ? (sort as SortKey) : null,
    dir: oneOf(first(params.dir), ['asc', 'desc'], 'desc'),
    members: oneOf(first(params.members), ['all', 'members', 'f2p'], 'all'),
    steady: first(params.steady) === '1',
    starred: oneOf(first(params.starred), ['mixed', 'pin', 'only'], 'mixed'),
    limitLeft: first(params.limit) === 'left',
    cols: parseColumnChoice(first(params.cols)),
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
    ...Object.fromEntries(TEXT_FILTERS.map((key) => [key, text(query[key])])),
    steady: query.steady ? '1' : undefined,
    starred: query.starred === 'mixed' ? undefined : query.starred,
    limit: query.limitLeft ? 'left' : undefined,
    cols: query.cols === null ? undefined : formatColumnChoice(query.cols),
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

/** gp amounts, a fraction for ROI, seconds for the age; null where the filter is empty or unreadable. */
export type RangeFilters = Record<TextFilter, number | null>;

/** "2", "2%", "-1.5 %" as a fraction (0.02). */
function parseRoi(text: string): number | null {
  const match = /^(-?\d+(?:\.\d+)?)\s*%?$/.exec(text.trim());
  return match ? Number(match[1]) / 100 : null;
}

/** "30m", "2h", "90s", "1d"; a bare number is minutes. Seconds. */
function parseAge(text: string): number | null {
  const trimmed = text.trim();
  const ms = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) * 60_000 : /ms$/.test(trimmed) ? null : parseDuration(trimmed);
  return ms === null || ms <= 0 ? null : ms / 1000;
}

const PARSERS: Record<TextFilter, (text: string) => number | null> = {
  minMargin: parsePrice, minProfit: parsePrice, minVolume: parsePrice, maxPrice: parsePrice, minRoi: parseRoi, maxAge: parseAge,
};

export function parseRangeFilters(query: TableQuery): RangeFilters {
  return Object.fromEntries(TEXT_FILTERS.map((key) => [key, query[key].trim() === '' ? null : PARSERS[key](query[key])])) as RangeFilters;
}

/** The filters typed but not readable, to say so beside them instead of silently ignoring them. */
export function unreadableFilters(query: TableQuery): TextFilter[] {
  const range = parseRangeFilters(query);
  return TEXT_FILTERS.filter((key) => query[key].trim() !== '' && range[key] === null);
}

/** How many filters narrow the table (search and sort are not filters). */
export function countActiveFilters(query: TableQuery): number {
  const typed = TEXT_FILTERS.filter((key) => query[key].trim() !== '').length;
  return typed + (query.members === 'all' ? 0 : 1) + (query.steady ? 1 : 0) + (query.starred === 'only' ? 1 : 0) + (query.limitLeft ? 1 : 0);
}

/** Every filter back to its default; search, sort and columns stay. */
export const CLEARED_FILTERS: Pick<TableQuery, TextFilter | 'members' | 'steady' | 'starred' | 'limitLeft'> = {
  minMargin: '', minProfit: '', minRoi: '', minVolume: '', maxPrice: '', maxAge: '', members: 'all', steady: false, starred: 'mixed', limitLeft: false,
};

const FILTER_PARAMS = new Set<string>([...TEXT_FILTERS, 'members', 'steady', 'starred', 'limit']);

/** The filter part of the URL, to save as a preset. */
export function filterParams(query: TableQuery): Record<string, string> {
  return Object.fromEntries(Object.entries(toSearchParams(query)).filter((entry): entry is [string, string] => FILTER_PARAMS.has(entry[0]) && entry[1] !== undefined));
}

/** A saved preset's filters in place of the ones in force (search, sort and columns stay). */
export function presetFilters(params: Record<string, string>): Partial<TableQuery> {
  const parsed = parseTableQuery(params);
  return Object.fromEntries(Object.keys(CLEARED_FILTERS).map((key) => [key, parsed[key as keyof typeof CLEARED_FILTERS]]));
}

// The table's columns and the presets of them a trader switches between (column-choice.ts adds
// columns shown or hidden one by one). A column is data: its id
// picks the cell (components/row-cells.tsx), its sort key the ordering. A new column is one entry
// here, one cell, and (if it sorts) one sort key.
import type { SortKey } from './sort-keys';

export const COLUMN_IDS = [
  'star', 'alert', 'icon', 'name', 'low', 'high', 'margin', 'tax', 'profit', 'roi', 'limit', 'limitLeft', 'potential', 'potentialVolume',
  'volume', 'marginVolume', 'lowAge', 'highAge', 'highalch', 'alchProfit',
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export interface Column {
  id: ColumnId;
  /** Sort key; null for the star, alert and icon columns. */
  sort: SortKey | null;
  label: string;
  /** Longer description for assistive tech and hover. */
  title?: string;
  /** CSS pixels. Fixed widths keep columns still while virtualised rows come and go. The name takes what is left. */
  width: number;
}

const c = (id: ColumnId, sort: SortKey | null, label: string, width: number, title?: string): Column => ({ id, sort, label, width, title });

// Buy is the instant-sell price (low), where a flipper buys; sell is the instant-buy price (high).
export const COLUMNS: Readonly<Record<ColumnId, Column>> = {
  star: c('star', null, 'Watch', 44),
  alert: c('alert', null, 'Alert', 44),
  icon: c('icon', null, 'Icon', 36),
  name: c('name', 'name', 'Name', 116),
  low: c('low', 'low', 'Buy', 66, 'Buy price: the latest instant-sell (low)'),
  high: c('high', 'high', 'Sell', 66, 'Sell price: the latest instant-buy (high)'),
  margin: c('margin', 'margin', 'Margin', 84, 'Sell minus buy, before tax'),
  tax: c('tax', 'tax', 'Tax', 68, 'Grand Exchange tax on the sell price'),
  profit: c('profit', 'profit', 'Profit', 68, 'Margin after tax, per item'),
  roi: c('roi', 'roi', 'ROI', 68, 'Profit divided by the buy price'),
  limit: c('limit', 'limit', 'Limit', 68, 'Buy limit per 4 hours'),
  limitLeft: c('limitLeft', 'limitLeft', 'Left', 64, 'Buy limit left now, from your journal'),
  potential: c('potential', 'potential', 'Pot. profit', 92, 'Potential profit: profit × buy limit, per 4 hours'),
  potentialVolume: c('potentialVolume', 'potentialVolume', 'Pot. (vol)', 92, 'Profit × the smaller of the buy limit and a tenth of the 4-hour volume'),
  volume: c('volume', 'volume', 'Volume', 76, 'Items traded in the last 24 hours'),
  marginVolume: c('marginVolume', 'marginVolume', 'Margin × vol', 100, 'Margin × 24-hour volume'),
  lowAge: c('lowAge', 'lowAge', 'Last buy', 92, 'Time since the last instant-sell trade'),
  highAge: c('highAge', 'highAge', 'Last sell', 92, 'Time since the last instant-buy trade'),
  highalch: c('highalch', 'highalch', 'High alch', 84, 'High Alchemy value'),
  alchProfit: c('alchProfit', 'alchProfit', 'Alch profit', 92, 'High alch value minus the buy price (nature rune not counted)'),
};

export const PRESETS = {
  basic: { label: 'Basic', columns: ['star', 'icon', 'name', 'low', 'high', 'profit'] },
  flip: { label: 'Flip', columns: ['star', 'icon', 'name', 'low', 'high', 'profit', 'roi', 'limit', 'limitLeft', 'potential', 'volume'] },
  alch: { label: 'High alch', columns: ['star', 'icon', 'name', 'low', 'highalch', 'alchProfit', 'limit', 'volume'] },
  volume: { label: 'Volume', columns: ['star', 'icon', 'name', 'low', 'high', 'margin', 'volume', 'marginVolume', 'potentialVolume', 'lowAge', 'highAge'] },
  all: { label: 'All', columns: COLUMN_IDS },
} as const satisfies Record<string, { label: string; columns: readonly ColumnId[] }>;
export type PresetId = keyof typeof PRESETS;
export const PRESET_IDS = Object.keys(PRESETS) as PresetId[];

export function isPresetId(value: unknown): value is PresetId {
  return typeof value === 'string' && (PRESET_IDS as string[]).includes(value);
}

/** A phone starts on the four columns that fit 360 px; a wider screen on the flipper's set. */
export function defaultPreset(narrow: boolean): PresetId {
  return narrow ? 'basic' : 'flip';
}

/**
 * Columns of gp amounts: wider when numbers are exact ("1,736,412,000" in place of "1.74B"). A
 * narrow screen has no width to give: there the cells keep their width and the table draws exact
 * amounts smaller, breaking after a comma when one is still too long (`tight` in ItemTable).
 */
const GP_COLUMNS = new Set<ColumnId>(['low', 'high', 'margin', 'tax', 'profit', 'potential', 'potentialVolume', 'marginVolume', 'highalch', 'alchProfit']);
const EXACT_EXTRA = 44;

/** Columns a narrow screen never shows: its rows have no room for icons. */
export function fitsScreen(id: ColumnId, narrow: boolean): boolean {
  return !(narrow && id === 'icon');
}

/** The columns shown: these, without the icon on a narrow screen. */
export function columnsFor(ids: readonly ColumnId[], narrow: boolean, exact = false): Column[] {
  return ids
    .filter((id) => fitsScreen(id, narrow))
    .map((id) => (exact && !narrow && GP_COLUMNS.has(id) ? { ...COLUMNS[id], width: COLUMNS[id].width + EXACT_EXTRA } : COLUMNS[id]));
}

export function tableWidth(columns: readonly Column[]): number {
  return columns.reduce((sum, column) => sum + column.width, 0);
}

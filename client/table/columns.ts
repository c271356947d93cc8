import type { SortKey } from './table-query';

export interface Column {
  /** Sort key; null for the star and icon columns. */
  sort: SortKey | null;
  label: string;
  /** Longer description for assistive tech and hover. */
  title?: string;
  class: string;
  /** A header without a sort still shows its label (the star and icon columns hide theirs). */
  shown?: boolean;
  /** CSS pixels. Fixed widths keep columns still while virtualised rows come and go. */
  width: number;
}

// Buy is the instant-sell price (low), where a flipper buys; sell is the instant-buy price (high).
export const COLUMNS: readonly Column[] = [
  { sort: null, label: 'Watch', class: 'col-star', width: 44 },
  { sort: null, label: 'Icon', class: 'col-icon', width: 36 },
  { sort: 'name', label: 'Name', class: 'col-name', width: 136 },
  { sort: 'low', label: 'Buy', title: 'Buy price: the latest instant-sell (low)', class: 'col-low', width: 72 },
  { sort: 'high', label: 'Sell', title: 'Sell price: the latest instant-buy (high)', class: 'col-high', width: 72 },
  { sort: 'margin', label: 'Margin', title: 'Sell minus buy, before tax', class: 'col-margin', width: 84 },
  { sort: 'tax', label: 'Tax', title: 'Grand Exchange tax on the sell price', class: 'col-tax', width: 68 },
  { sort: 'profit', label: 'Profit', title: 'Margin after tax, per item', class: 'col-profit', width: 80 },
  { sort: 'roi', label: 'ROI', title: 'Profit divided by the buy price', class: 'col-roi', width: 68 },
  { sort: 'limit', label: 'Limit', title: 'Buy limit per 4 hours', class: 'col-limit', width: 68 },
  { sort: null, shown: true, label: 'Left', title: 'Buy limit left now, from your journal', class: 'col-limit-left', width: 56 },
  { sort: 'volume', label: 'Volume', title: 'Items traded in the last 24 hours', class: 'col-volume', width: 76 },
  { sort: 'lowAge', label: 'Last buy', title: 'Time since the last instant-sell trade', class: 'col-low-age', width: 80 },
  { sort: 'highAge', label: 'Last sell', title: 'Time since the last instant-buy trade', class: 'col-high-age', width: 80 },
  { sort: 'highalch', label: 'High alch', title: 'High Alchemy value', class: 'col-alch', width: 84 },
];

export const TABLE_WIDTH = COLUMNS.reduce((sum, column) => sum + column.width, 0);

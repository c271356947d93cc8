import type { SortKey } from './table-query';

export interface Column {
  /** Sort key; null for the star and icon columns. */
  sort: SortKey | null;
  label: string;
  /** Longer description for assistive tech and hover. */
  title?: string;
  class: string;
}

// Buy is the instant-sell price (low), where a flipper buys; sell is the instant-buy price (high).
export const COLUMNS: readonly Column[] = [
  { sort: null, label: 'Watch', class: 'col-star' },
  { sort: null, label: 'Icon', class: 'col-icon' },
  { sort: 'name', label: 'Name', class: 'col-name' },
  { sort: 'low', label: 'Buy', title: 'Buy price: the latest instant-sell (low)', class: 'col-low' },
  { sort: 'high', label: 'Sell', title: 'Sell price: the latest instant-buy (high)', class: 'col-high' },
  { sort: 'margin', label: 'Margin', title: 'Sell minus buy, before tax', class: 'col-margin' },
  { sort: 'tax', label: 'Tax', title: 'Grand Exchange tax on the sell price', class: 'col-tax' },
  { sort: 'profit', label: 'Profit', title: 'Margin after tax, per item', class: 'col-profit' },
  { sort: 'roi', label: 'ROI', title: 'Profit divided by the buy price', class: 'col-roi' },
  { sort: 'limit', label: 'Limit', title: 'Buy limit per 4 hours', class: 'col-limit' },
  { sort: 'volume', label: 'Volume', title: 'Items traded in the last 24 hours', class: 'col-volume' },
  { sort: 'lowAge', label: 'Last buy', title: 'Time since the last instant-sell trade', class: 'col-low-age' },
  { sort: 'highAge', label: 'Last sell', title: 'Time since the last instant-buy trade', class: 'col-high-age' },
  { sort: 'highalch', label: 'High alch', title: 'High Alchemy value', class: 'col-alch' },
];

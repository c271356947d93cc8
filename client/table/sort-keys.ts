// What the table can be ordered by: one key per sortable column (client/table/columns.ts).
export const SORT_KEYS = [
  'name', 'low', 'high', 'margin', 'tax', 'profit', 'roi', 'limit', 'limitLeft', 'potential', 'potentialVolume', 'volume', 'marginVolume',
  'lowAge', 'highAge', 'highalch', 'alchProfit',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

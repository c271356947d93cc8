// Our own export: the journal and the watchlist as versioned JSON (what a re-import reads back
// exactly), and the journal as CSV for spreadsheets.
import { formatCsv } from './csv';
import type { Trade } from './journal-trade';

export const JOURNAL_EXPORT_APP = 'ge-tracker';
export const JOURNAL_EXPORT_VERSION = 1;

export interface JournalExport {
  app: typeof JOURNAL_EXPORT_APP;
  version: typeof JOURNAL_EXPORT_VERSION;
  exportedAt: string;
  journal: Trade[];
  watchlist: Array<{ itemId: number; addedAt: number }>;
}

export function exportJson(trades: readonly Trade[], watchlist: ReadonlyArray<{ itemId: number; addedAt: number }>, now: number): string {
  const body: JournalExport = { app: JOURNAL_EXPORT_APP, version: JOURNAL_EXPORT_VERSION, exportedAt: new Date(now * 1000).toISOString(), journal: [...trades].sort((a, b) => a.time - b.time), watchlist: [...watchlist] };
  return `${JSON.stringify(body, null, 2)}\n`;
}

export function exportCsv(trades: readonly Trade[], nameOf: (itemId: number) => string): string {
  const rows = [...trades].sort((a, b) => a.time - b.time).map((trade) => [new Date(trade.time * 1000).toISOString(), trade.itemId, nameOf(trade.itemId), trade.side, trade.quantity, trade.price, trade.account ?? '']);
  return formatCsv([['time', 'item_id', 'item', 'side', 'quantity', 'price_each_before_tax', 'account'], ...rows]);
}

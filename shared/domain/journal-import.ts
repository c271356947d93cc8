// What every importer produces from another tool's file: rows still carrying names (most tools
// store no ids), with per-row errors that name the row. Which tools record sells net of tax is
// one table: the docs mark some of it unverified, so a wrong guess is one line to change.
import type { TradeSide } from './journal-trade';

export type ImportFormat =
  | 'ge-tracker'
  | 'flipping-utilities-csv'
  | 'flipping-utilities-json'
  | 'flipping-copilot-transactions'
  | 'flipping-copilot-flips'
  | 'flip-exporter'
  | 'runelite';

export const FORMAT_NAMES: Record<ImportFormat, string> = {
  'ge-tracker': 'GE Tracker export',
  'flipping-utilities-csv': 'Flipping Utilities CSV',
  'flipping-utilities-json': 'Flipping Utilities JSON',
  'flipping-copilot-transactions': 'Flipping Copilot transactions.csv',
  'flipping-copilot-flips': 'Flipping Copilot flips.csv',
  'flip-exporter': 'flip-exporter history.json',
  runelite: 'RuneLite trade history',
};

/** Sells recorded at the price after tax (trading.md); the journal stores prices before tax. */
export const SELL_PRICE_AFTER_TAX: Record<ImportFormat, boolean> = {
  'ge-tracker': false,
  'flipping-utilities-csv': true, // documented: "the per-item price after tax for sells"
  'flipping-utilities-json': false, // documented as before tax; unverified
  'flipping-copilot-transactions': false, // rebuilt from the amount received plus the tax column
  'flipping-copilot-flips': false, // "Avg. sell price" beside a separate Tax column
  'flip-exporter': false, // avgPrice, as listed
  runelite: true, // 07flip: RuneLite's spent figure for sells is already net of tax; unverified
};

export interface ImportedRow {
  /** The file's line (CSV) or entry number (JSON), for messages. */
  line: number;
  itemId: number | null;
  itemName: string | null;
  side: TradeSide;
  quantity: number;
  price: number;
  time: number;
  account: string | null;
  /** Our own export keeps each entry's id and origin, so a round trip gives the same journal. */
  keep?: { id: string; source: string };
}

export interface RowError {
  line: number;
  message: string;
}

export interface ParsedFile {
  format: ImportFormat;
  rows: ImportedRow[];
  errors: RowError[];
  /** Only our own export carries the watchlist. */
  watchlist: Array<{ itemId: number; addedAt: number }>;
}

export interface ImportOptions {
  /** The zone of zone-less local times (Flipping Utilities CSV); default the device's. */
  timeZone: string;
  /** For files of one account that do not name it. */
  account: string | null;
}

/** The whole file cannot be read: wrong format or broken JSON. */
export class ImportFormatError extends Error {}

/** A whole number from a file's field ("1,500" too); null when it is not one. */
export function readCount(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text.replace(/[,\s]/g, ''));
  return Number.isFinite(value) ? Math.round(value) : null;
}

export function emptyFile(format: ImportFormat): ParsedFile {
  return { format, rows: [], errors: [], watchlist: [] };
}

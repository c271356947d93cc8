// Reads a dropped file: tells the format from its content (not its name, which users rename) and
// hands it to that format's importer. A file that is none of them is refused whole.
import { parseCsv } from './csv';
import { FLIPS_HEADER, hasHeader, parseCopilotFlips, parseCopilotTransactions, parseFlippingUtilitiesCsv, TX_HEADER } from './journal-import-csv';
import { isOwnExport, parseFlipExporter, parseFlippingUtilitiesJson, parseOwnExport, parseRuneLite } from './journal-import-json';
import { ImportFormatError, type ImportOptions, type ParsedFile } from './journal-import';

const UNKNOWN = 'This file is not one we can read. Use a GE Tracker export, a Flipping Utilities CSV or JSON, Flipping Copilot’s transactions.csv or flips.csv, flip-exporter’s history.json or RuneLite’s trade history.';

function readJson(text: string): ParsedFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ImportFormatError(`The file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (Array.isArray(data)) return parseRuneLite(data, { timeZone: 'UTC', account: null });
  if (typeof data !== 'object' || data === null) throw new ImportFormatError(UNKNOWN);
  const object = data as Record<string, unknown>;
  if (isOwnExport(object)) return parseOwnExport(object);
  if (object.exporter === 'flip-exporter') return parseFlipExporter(object);
  if (Array.isArray(object.trades)) return parseFlippingUtilitiesJson(object, { timeZone: 'UTC', account: null });
  throw new ImportFormatError(UNKNOWN);
}

export function readImportFile(text: string, options: ImportOptions): ParsedFile {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*[[{]/.test(body)) {
    const file = readJson(body);
    if (options.account) file.rows.forEach((row) => (row.account ??= options.account));
    return file;
  }
  const rows = parseCsv(body);
  const header = rows.find((row) => !row.fields[0]?.trim().startsWith('#') && row.fields.some((field) => field.trim() !== ''));
  if (hasHeader(header, TX_HEADER)) return parseCopilotTransactions(rows.slice(rows.indexOf(header!)));
  if (hasHeader(header, FLIPS_HEADER)) return parseCopilotFlips(rows.slice(rows.indexOf(header!)));
  if (header && header.fields.length === 5) return parseFlippingUtilitiesCsv(rows, options);
  throw new ImportFormatError(UNKNOWN);
}

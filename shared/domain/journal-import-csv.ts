// Importers for the CSV files: Flipping Utilities' per-account export, Flipping Copilot's
// transactions.csv and flips.csv (formats in trading.md).
import type { CsvRow } from './csv';
import { parseLocalDateTime, parseTimeValue } from './import-time';
import { emptyFile, readCount, type ImportOptions, type ParsedFile } from './journal-import';

const FU_STATES: Record<string, 'buy' | 'sell' | 'open'> = {
  BOUGHT: 'buy',
  CANCELLED_BUY: 'buy',
  SOLD: 'sell',
  CANCELLED_SELL: 'sell',
  // Offers still filling: their later rows (BOUGHT, SOLD, CANCELLED_*) carry the totals.
  BUYING: 'open',
  SELLING: 'open',
};

export function parseFlippingUtilitiesCsv(rows: readonly CsvRow[], options: ImportOptions): ParsedFile {
  const file = emptyFile('flipping-utilities-csv');
  for (const { line, fields } of rows) {
    const first = fields[0]?.trim() ?? '';
    if ((fields.length === 1 && first === '') || first.startsWith('#') || first.toLowerCase() === 'name') continue;
    const [name, date, quantityText, priceText, stateText] = fields.map((field) => field.trim());
    const state = FU_STATES[stateText ?? ''];
    const time = parseLocalDateTime(date ?? '', options.timeZone);
    const quantity = readCount(quantityText);
    const price = readCount(priceText);
    const problem =
      fields.length !== 5 ? `expected 5 fields (name,date,quantity,price,state), found ${fields.length}`
      : !state ? `unknown state "${stateText}"`
      : time === null ? `"${date}" is not a date like 2024-03-05 09:15 PM`
      : quantity === null || quantity < 0 ? `"${quantityText}" is not a quantity`
      : price === null || price < 0 ? `"${priceText}" is not a price`
      : null;
    if (problem) file.errors.push({ line, message: problem });
    else if (state !== 'open' && quantity! > 0) file.rows.push({ line, itemId: null, itemName: name!, side: state!, quantity: quantity!, price: price!, time: time!, account: options.account });
  }
  return file;
}

/** A headed table's rows with a field getter by column name; short rows become errors. */
function tableRows(rows: readonly CsvRow[], file: ParsedFile) {
  const [header, ...rest] = rows;
  const names = header?.fields ?? [];
  const index = new Map(names.map((name, i) => [name.trim(), i]));
  const get = (fields: readonly string[], name: string) => (fields[index.get(name) ?? -1] ?? '').trim();
  const body = rest.filter(({ line, fields }) => {
    if (fields.every((field) => field.trim() === '')) return false;
    if (fields.length >= names.length) return true;
    file.errors.push({ line, message: `expected ${names.length} fields, found ${fields.length}` });
    return false;
  });
  return { get, body };
}

const TX_HEADER = ['Timestamp', 'Account', 'Side', 'Item', 'Quantity', 'Paid/Received', 'Tax', 'Price ea.'];
const FLIPS_HEADER = ['First buy time', 'Last sell time', 'Account', 'Item', 'Bought', 'Sold', 'Avg. buy price', 'Avg. sell price'];

export function hasHeader(row: CsvRow | undefined, names: readonly string[]): boolean {
  const fields = new Set(row?.fields.map((field) => field.trim()));
  return names.every((name) => fields.has(name));
}

export function parseCopilotTransactions(rows: readonly CsvRow[]): ParsedFile {
  const file = emptyFile('flipping-copilot-transactions');
  const { get, body } = tableRows(rows, file);
  for (const { line, fields } of body) {
    const side = get(fields, 'Side').toUpperCase();
    const time = parseTimeValue(get(fields, 'Timestamp'));
    const quantity = readCount(get(fields, 'Quantity'));
    const paid = readCount(get(fields, 'Paid/Received'));
    const tax = Math.abs(readCount(get(fields, 'Tax')) ?? 0);
    const each = readCount(get(fields, 'Price ea.'));
    // The price before tax: what changed hands plus the tax, per item; "Price ea." when no total.
    const price = quantity && paid !== null ? Math.round((Math.abs(paid) + (side === 'SELL' ? tax : 0)) / quantity) : each;
    const problem =
      side !== 'BUY' && side !== 'SELL' ? `unknown side "${get(fields, 'Side')}"`
      : time === null ? `"${get(fields, 'Timestamp')}" is not a time`
      : quantity === null || quantity < 1 ? `"${get(fields, 'Quantity')}" is not a quantity`
      : price === null || price < 0 ? 'no price'
      : null;
    if (problem) file.errors.push({ line, message: problem });
    else file.rows.push({ line, itemId: null, itemName: get(fields, 'Item'), side: side === 'BUY' ? 'buy' : 'sell', quantity: quantity!, price: price!, time: time!, account: get(fields, 'Account') || null });
  }
  return file;
}

export function parseCopilotFlips(rows: readonly CsvRow[]): ParsedFile {
  const file = emptyFile('flipping-copilot-flips');
  const { get, body } = tableRows(rows, file);
  for (const { line, fields } of body) {
    const base = { line, itemId: null, itemName: get(fields, 'Item'), account: get(fields, 'Account') || null };
    const legs = [
      { side: 'buy' as const, time: get(fields, 'First buy time'), quantity: readCount(get(fields, 'Bought')), price: readCount(get(fields, 'Avg. buy price')) },
      { side: 'sell' as const, time: get(fields, 'Last sell time'), quantity: readCount(get(fields, 'Sold')), price: readCount(get(fields, 'Avg. sell price')) },
    ];
    for (const leg of legs) {
      if (!leg.quantity) continue; // an empty time and 0 sold: a flip still open
      const time = parseTimeValue(leg.time);
      if (time === null) file.errors.push({ line, message: `"${leg.time}" is not a time` });
      else if (leg.price === null || leg.price < 0) file.errors.push({ line, message: `no average ${leg.side} price` });
      else file.rows.push({ ...base, side: leg.side, quantity: leg.quantity, price: leg.price, time });
    }
  }
  return file;
}

export { TX_HEADER, FLIPS_HEADER };

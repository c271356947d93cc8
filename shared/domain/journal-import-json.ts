// Importers for the JSON files: Flipping Utilities' account data, flip-exporter's history.json,
// RuneLite's GE trade history and our own export. Everything is `unknown` until checked here.
import { parseTimeValue } from './import-time';
import { emptyFile, type ImportOptions, type ParsedFile } from './journal-import';
import { JOURNAL_EXPORT_APP, JOURNAL_EXPORT_VERSION } from './journal-export';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null);

const FU_DONE = new Set(['BOUGHT', 'SOLD', 'CANCELLED_BUY', 'CANCELLED_SELL']);
const FU_OPEN = new Set(['BUYING', 'SELLING', 'EMPTY']);

export function parseFlippingUtilitiesJson(data: Json, options: ImportOptions): ParsedFile {
  const file = emptyFile('flipping-utilities-json');
  const trades = Array.isArray(data.trades) ? data.trades : [];
  let line = 0;
  for (const item of trades) {
    const offers: unknown[] = isObject(item) && isObject(item.h) && Array.isArray(item.h.sO) ? item.h.sO : [];
    // An offer is recorded at each fill under one uuid: only its last record counts.
    const last = new Map<string, Json>();
    for (const offer of offers) {
      line += 1;
      if (!isObject(offer)) file.errors.push({ line, message: 'an offer that is not an object' });
      else if (typeof offer.st !== 'string' || (!FU_DONE.has(offer.st) && !FU_OPEN.has(offer.st))) file.errors.push({ line, message: `unknown state "${String(offer.st)}"` });
      else last.set(typeof offer.uuid === 'string' ? offer.uuid : `line-${line}`, { ...offer, line });
    }
    for (const offer of last.values()) {
      if (!FU_DONE.has(String(offer.st))) continue;
      const time = parseTimeValue(offer.t);
      const quantity = count(offer.cQIT);
      const price = count(offer.p);
      const itemId = count(offer.id) ?? (isObject(item) ? count(item.id) : null);
      const at = offer.line as number;
      if (time === null) file.errors.push({ line: at, message: `"${JSON.stringify(offer.t)}" is not a time` });
      else if (quantity === null || price === null) file.errors.push({ line: at, message: 'no quantity or price' });
      else if (quantity > 0) file.rows.push({ line: at, itemId, itemName: isObject(item) && typeof item.name === 'string' ? item.name : null, side: offer.b === true ? 'buy' : 'sell', quantity, price, time, account: options.account });
    }
  }
  return file;
}

export function parseFlipExporter(data: Json): ParsedFile {
  const file = emptyFile('flip-exporter');
  const trades = Array.isArray(data.trades) ? data.trades : [];
  trades.forEach((trade: unknown, index) => {
    const line = index + 1;
    if (!isObject(trade)) return file.errors.push({ line, message: 'a trade that is not an object' });
    const time = parseTimeValue(trade.completedAt ?? trade.placedAt);
    const quantity = count(trade.qty);
    const price = count(trade.avgPrice);
    if (time === null) file.errors.push({ line, message: 'no completedAt or placedAt time' });
    else if (quantity === null || price === null || typeof trade.isBuy !== 'boolean') file.errors.push({ line, message: 'no qty, avgPrice or isBuy' });
    else if (quantity > 0) file.rows.push({ line, itemId: count(trade.id), itemName: typeof trade.name === 'string' ? trade.name : null, side: trade.isBuy ? 'buy' : 'sell', quantity, price, time, account: null });
    return 0;
  });
  return file;
}

export function parseRuneLite(data: readonly unknown[], options: ImportOptions): ParsedFile {
  const file = emptyFile('runelite');
  data.forEach((trade, index) => {
    const line = index + 1;
    const time = isObject(trade) ? parseTimeValue(trade.time) : null;
    const itemId = isObject(trade) ? count(trade.itemId) : null;
    const quantity = isObject(trade) ? count(trade.quantity) : null;
    const price = isObject(trade) ? count(trade.price) : null;
    if (!isObject(trade) || typeof trade.buy !== 'boolean' || itemId === null) file.errors.push({ line, message: 'not a trade: needs buy, itemId, quantity, price and time' });
    else if (time === null) file.errors.push({ line, message: `"${JSON.stringify(trade.time)}" is not a time` });
    else if (quantity === null || price === null) file.errors.push({ line, message: 'no quantity or price' });
    else if (quantity > 0) file.rows.push({ line, itemId, itemName: null, side: trade.buy ? 'buy' : 'sell', quantity, price, time, account: options.account });
  });
  return file;
}

export function parseOwnExport(data: Json): ParsedFile {
  const file = emptyFile('ge-tracker');
  if (data.version !== JOURNAL_EXPORT_VERSION) file.errors.push({ line: 0, message: `export version ${String(data.version)} is not one this app reads (${JOURNAL_EXPORT_VERSION})` });
  const journal = Array.isArray(data.journal) ? data.journal : [];
  journal.forEach((trade: unknown, index) => {
    const line = index + 1;
    const ok = isObject(trade) && (trade.side === 'buy' || trade.side === 'sell') && count(trade.itemId) !== null && count(trade.quantity) !== null && count(trade.price) !== null && typeof trade.time === 'number';
    if (!ok) return file.errors.push({ line, message: 'not a journal entry' });
    const account = typeof trade.account === 'string' ? trade.account : null;
    const keep = typeof trade.id === 'string' && typeof trade.source === 'string' ? { id: trade.id, source: trade.source } : undefined;
    file.rows.push({ line, itemId: trade.itemId as number, itemName: null, side: trade.side as 'buy' | 'sell', quantity: trade.quantity as number, price: trade.price as number, time: trade.time as number, account, keep });
    return 0;
  });
  for (const entry of Array.isArray(data.watchlist) ? data.watchlist : []) {
    if (isObject(entry) && count(entry.itemId) !== null && typeof entry.addedAt === 'number') file.watchlist.push({ itemId: entry.itemId as number, addedAt: entry.addedAt });
  }
  return file;
}

export function isOwnExport(data: Json): boolean {
  return data.app === JOURNAL_EXPORT_APP;
}

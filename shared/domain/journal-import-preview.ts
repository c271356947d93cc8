// From a read file to what would be written: names mapped to ids (with the renamed-items table
// and the user's own choices for names that match nothing), noted ids folded, sells net of tax
// turned back into prices before tax, and duplicates of the journal (or of the file itself) left
// out. Nothing here writes: the preview is shown first and the user confirms.
import { SELL_PRICE_AFTER_TAX, type ParsedFile, type RowError } from './journal-import';
import { tradeKey, tradeProblem, type Trade } from './journal-trade';
import { grossFromNet } from './tax';

export interface PreviewContext {
  resolveName: (name: string) => number | null;
  isKnownId: (itemId: number) => boolean;
  /** tradeKey of every trade already in the journal. */
  existing: ReadonlySet<string>;
  /** The user's answers for unknown names: an item id, or null to skip. */
  choices: ReadonlyMap<string, number | null>;
  newId: () => string;
}

export interface ImportPreview {
  trades: Trade[];
  buys: number;
  sells: number;
  from: number | null;
  to: number | null;
  /** Rows already in the journal (or twice in the file): not added again. */
  duplicates: number;
  /** Names that match no item and have no answer yet, with their row count. */
  unknownNames: Array<{ name: string; rows: number }>;
  /** Rows skipped by the user's choice. */
  skipped: number;
  errors: RowError[];
}

/** Noted items are the unnoted id + 1 and absent from the catalogue: fold them onto the item. */
function foldId(itemId: number, isKnownId: (id: number) => boolean): number | null {
  if (isKnownId(itemId)) return itemId;
  return isKnownId(itemId - 1) ? itemId - 1 : null;
}

export function buildPreview(file: ParsedFile, context: PreviewContext): ImportPreview {
  const preview: ImportPreview = { trades: [], buys: 0, sells: 0, from: null, to: null, duplicates: 0, unknownNames: [], skipped: 0, errors: [...file.errors] };
  const unknown = new Map<string, number>();
  const seen = new Set(context.existing);
  for (const row of file.rows) {
    const name = row.itemName ?? '';
    let itemId = row.itemId === null ? null : foldId(row.itemId, context.isKnownId);
    if (itemId === null && name !== '') itemId = context.resolveName(name);
    if (itemId === null && context.choices.has(name)) {
      const choice = context.choices.get(name) ?? null;
      if (choice === null) {
        preview.skipped += 1;
        continue;
      }
      itemId = choice;
    }
    if (itemId === null) {
      if (name === '') preview.errors.push({ line: row.line, message: `item id ${row.itemId} is not in the catalogue` });
      else unknown.set(name, (unknown.get(name) ?? 0) + 1);
      continue;
    }
    const price = row.side === 'sell' && SELL_PRICE_AFTER_TAX[file.format] ? grossFromNet(itemId, row.price, row.time) : row.price;
    const trade: Trade = { id: row.keep?.id ?? context.newId(), itemId, side: row.side, quantity: row.quantity, price, time: row.time, account: row.account, source: row.keep?.source ?? file.format };
    const problem = tradeProblem(trade);
    if (problem) {
      preview.errors.push({ line: row.line, message: problem });
      continue;
    }
    const key = tradeKey(trade);
    if (seen.has(key)) {
      preview.duplicates += 1;
      continue;
    }
    seen.add(key);
    preview.trades.push(trade);
    if (trade.side === 'buy') preview.buys += 1;
    else preview.sells += 1;
    preview.from = Math.min(preview.from ?? trade.time, trade.time);
    preview.to = Math.max(preview.to ?? trade.time, trade.time);
  }
  preview.unknownNames = [...unknown].map(([name, rows]) => ({ name, rows }));
  preview.errors.sort((a, b) => a.line - b.line);
  return preview;
}

// What the trade form holds while it is being filled in, and the one step from it to a Trade:
// shorthand quantities and prices (`1.5m`, `250k`), a local date-time, an optional account.
import { parsePrice } from '../../shared/domain/price-format';
import { tradeProblem, type Trade, type TradeSide } from '../../shared/domain/journal-trade';

export interface TradeDraft {
  /** Set when editing an entry. */
  id: string | null;
  itemName: string;
  side: TradeSide;
  quantity: string;
  price: string;
  /** `YYYY-MM-DDTHH:MM:SS` in the device's time zone (a datetime-local input with step 1). */
  time: string;
  account: string;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** A unix time as a datetime-local value in the device's zone. */
export function toLocalInput(time: number): string {
  const date = new Date(time * 1000);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A datetime-local value (device zone) as unix seconds, or null. */
export function fromLocalInput(text: string): number | null {
  const ms = new Date(text).getTime();
  return text.trim() !== '' && Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

export function emptyDraft(now: number, account = ''): TradeDraft {
  return { id: null, itemName: '', side: 'buy', quantity: '', price: '', time: toLocalInput(now), account };
}

export function draftOf(trade: Trade, itemName: string): TradeDraft {
  return { id: trade.id, itemName, side: trade.side, quantity: String(trade.quantity), price: String(trade.price), time: toLocalInput(trade.time), account: trade.account ?? '' };
}

export type DraftResult = { trade: Trade; error?: undefined } | { error: string; trade?: undefined };

/** The trade a filled-in form stands for, or what is wrong with it. */
export function readDraft(draft: TradeDraft, itemIdOf: (name: string) => number | null, newId: () => string): DraftResult {
  const itemId = itemIdOf(draft.itemName.trim());
  if (itemId === null) return { error: `No item called "${draft.itemName.trim()}".` };
  const quantity = parsePrice(draft.quantity);
  const price = parsePrice(draft.price);
  const time = fromLocalInput(draft.time);
  if (quantity === null) return { error: 'Enter a quantity, e.g. 100 or 1.5k.' };
  if (price === null) return { error: 'Enter a price, e.g. 250k or 1.5m.' };
  if (time === null) return { error: 'Enter the time of the trade.' };
  const account = draft.account.trim() === '' ? null : draft.account.trim();
  const fields = { itemId, side: draft.side, quantity, price, time, account };
  const problem = tradeProblem(fields);
  if (problem) return { error: `Cannot log this trade: ${problem}.` };
  return { trade: { id: draft.id ?? newId(), source: 'manual', ...fields } };
}

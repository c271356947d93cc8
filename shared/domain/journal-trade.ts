// One logged Grand Exchange trade, the unit of the journal. Prices are per item and before tax
// (the tax is worked out from the sell's time, never stored), times are unix seconds.

export type TradeSide = 'buy' | 'sell';

export interface Trade {
  id: string;
  itemId: number;
  side: TradeSide;
  /** Items filled, at least 1. */
  quantity: number;
  /** Per item, before tax. */
  price: number;
  /** Unix seconds. */
  time: number;
  /** The in-game account, or null when accounts are not used. */
  account: string | null;
  /** Where the row came from: "manual", or the importer's format name. */
  source: string;
}

/** Two trades are the same when time, item, quantity and price agree: what an import skips. */
export function tradeKey(trade: Pick<Trade, 'time' | 'itemId' | 'quantity' | 'price'>): string {
  return `${trade.time}:${trade.itemId}:${trade.quantity}:${trade.price}`;
}

/** The position a trade belongs to: FIFO matching and buy limits are per item and account. */
export function positionKey(trade: Pick<Trade, 'itemId' | 'account'>): string {
  return `${trade.itemId}\u0000${trade.account ?? ''}`;
}

/** Oldest first; equal times keep buys before sells so a same-second flip matches. */
export function byTradeTime(a: Trade, b: Trade): number {
  if (a.time !== b.time) return a.time - b.time;
  if (a.side !== b.side) return a.side === 'buy' ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The problem with a hand-entered or imported trade, or null when it can be stored. */
export function tradeProblem(trade: Omit<Trade, 'id' | 'source'>): string | null {
  if (!Number.isSafeInteger(trade.itemId) || trade.itemId <= 0) return 'no such item';
  if (!Number.isSafeInteger(trade.quantity) || trade.quantity < 1) return 'the quantity must be a whole number of at least 1';
  if (!Number.isSafeInteger(trade.price) || trade.price < 0) return 'the price must be a whole number of gp';
  if (!Number.isFinite(trade.time) || trade.time <= 0) return 'the time is not a date';
  return null;
}

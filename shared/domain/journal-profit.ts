// The profit engine: sells matched to buys first in, first out, per item and account, each sell
// taxed by the rule in force at its own time (tax.ts is the one owner of that rule). Pure: the
// journal page, the importers' previews and the tests all run the same matching.
import { saleTax } from './tax';
import { byTradeTime, positionKey, type Trade } from './journal-trade';

/** Part of a sell matched to part of a buy. */
export interface Flip {
  sellId: string;
  buyId: string;
  itemId: number;
  account: string | null;
  quantity: number;
  buyPrice: number;
  sellPrice: number;
  /** Tax on this part of the sell, by the rule at `soldAt`. */
  tax: number;
  /** quantity × (sell − buy) − tax. */
  profit: number;
  boughtAt: number;
  soldAt: number;
}

/** Sold items with no earlier buy to match: their profit is unknown, so they are flagged, not counted. */
export interface UnmatchedSell {
  trade: Trade;
  quantity: number;
}

/** What is left of a buy after the sells so far. */
export interface OpenLot {
  buyId: string;
  itemId: number;
  account: string | null;
  quantity: number;
  price: number;
  time: number;
}

export interface Ledger {
  flips: Flip[];
  unmatched: UnmatchedSell[];
  open: OpenLot[];
}

export function matchTrades(trades: readonly Trade[]): Ledger {
  const lots = new Map<string, OpenLot[]>();
  const flips: Flip[] = [];
  const unmatched: UnmatchedSell[] = [];
  for (const trade of [...trades].sort(byTradeTime)) {
    const key = positionKey(trade);
    const queue = lots.get(key) ?? [];
    lots.set(key, queue);
    if (trade.side === 'buy') {
      queue.push({ buyId: trade.id, itemId: trade.itemId, account: trade.account, quantity: trade.quantity, price: trade.price, time: trade.time });
      continue;
    }
    let left = trade.quantity;
    while (left > 0 && queue.length > 0) {
      const lot = queue[0]!;
      const quantity = Math.min(left, lot.quantity);
      const tax = saleTax(trade.itemId, trade.price, quantity, trade.time);
      flips.push({
        sellId: trade.id,
        buyId: lot.buyId,
        itemId: trade.itemId,
        account: trade.account,
        quantity,
        buyPrice: lot.price,
        sellPrice: trade.price,
        tax,
        profit: quantity * (trade.price - lot.price) - tax,
        boughtAt: lot.time,
        soldAt: trade.time,
      });
      left -= quantity;
      lot.quantity -= quantity;
      if (lot.quantity === 0) queue.shift();
    }
    if (left > 0) unmatched.push({ trade, quantity: left });
  }
  return { flips, unmatched, open: [...lots.values()].flat() };
}

export interface ProfitTotal {
  profit: number;
  tax: number;
  /** Items sold in matched flips. */
  quantity: number;
  flips: number;
}

function addFlip(total: ProfitTotal, flip: Flip): void {
  total.profit += flip.profit;
  total.tax += flip.tax;
  total.quantity += flip.quantity;
  total.flips += 1;
}

function emptyTotal(): ProfitTotal {
  return { profit: 0, tax: 0, quantity: 0, flips: 0 };
}

/** Realised profit grouped by any key of a flip: per item, per day, per account. */
export function sumFlips<K>(flips: readonly Flip[], keyOf: (flip: Flip) => K): Map<K, ProfitTotal> {
  const groups = new Map<K, ProfitTotal>();
  for (const flip of flips) {
    const key = keyOf(flip);
    const total = groups.get(key) ?? emptyTotal();
    groups.set(key, total);
    addFlip(total, flip);
  }
  return groups;
}

export function totalProfit(flips: readonly Flip[]): ProfitTotal {
  const total = emptyTotal();
  for (const flip of flips) addFlip(total, flip);
  return total;
}

/** The calendar day of a sell in a time zone ("2025-05-29"), for the per-day totals. */
export function dayOf(time: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(time * 1000));
}

/** An item still held, per account, valued at what selling it now would bring after tax. */
export interface OpenPosition {
  itemId: number;
  account: string | null;
  quantity: number;
  cost: number;
  heldSince: number;
  /** After tax at today's rule; null when the item has no live price. */
  value: number | null;
  unrealised: number | null;
}

export function openPositions(open: readonly OpenLot[], priceOf: (itemId: number) => number | null, now: number): OpenPosition[] {
  const byKey = new Map<string, OpenPosition>();
  for (const lot of open) {
    const key = positionKey(lot);
    const position = byKey.get(key) ?? { itemId: lot.itemId, account: lot.account, quantity: 0, cost: 0, heldSince: lot.time, value: null, unrealised: null };
    byKey.set(key, position);
    position.quantity += lot.quantity;
    position.cost += lot.quantity * lot.price;
    position.heldSince = Math.min(position.heldSince, lot.time);
  }
  const positions = [...byKey.values()].filter((position) => position.quantity > 0);
  for (const position of positions) {
    const price = priceOf(position.itemId);
    if (price === null) continue;
    position.value = position.quantity * price - saleTax(position.itemId, price, position.quantity, now);
    position.unrealised = position.value - position.cost;
  }
  return positions;
}

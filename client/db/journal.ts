// The trade journal on the device: the user's own data, like the watchlist never dropped by an
// upgrade or by quota pruning. A batch (an import) is written in one transaction: all or nothing.
import { tradeKey, type Trade, type TradeSide } from '../../shared/domain/journal-trade';
import { int, keepValid, nullable, num, shape, str, type Guard } from './guards';
import type { GeDb } from './schema';

const side: Guard<TradeSide> = (value): value is TradeSide => value === 'buy' || value === 'sell';

export const isTrade = shape<Trade>({ id: str, itemId: int, side, quantity: int, price: int, time: num, account: nullable(str), source: str });

export async function listTrades(db: GeDb): Promise<Trade[]> {
  return keepValid(isTrade, await db.getAll('journal'));
}

export async function putTrade(db: GeDb, trade: Trade): Promise<void> {
  await db.put('journal', trade);
}

export async function deleteTrade(db: GeDb, id: string): Promise<void> {
  await db.delete('journal', id);
}

/**
 * Adds the trades not already in the journal (same time, item, quantity and price) in one
 * transaction, and returns how many were added. A failure part way writes nothing.
 */
export async function addTrades(db: GeDb, trades: readonly Trade[]): Promise<number> {
  const tx = db.transaction('journal', 'readwrite');
  const existing = new Set(keepValid(isTrade, await tx.store.getAll()).map(tradeKey));
  let added = 0;
  for (const trade of trades) {
    const key = tradeKey(trade);
    if (existing.has(key)) continue;
    existing.add(key);
    added += 1;
    tx.store.add(trade).catch(() => undefined); // the transaction's own failure is awaited below
  }
  await tx.done;
  return added;
}

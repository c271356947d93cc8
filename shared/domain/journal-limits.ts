// Buy-limit windows: a 4-hour window opens at the first buy of an item when none is open; later
// buys inside it add up against the limit but do not extend it (RuneLite's and Flipping
// Utilities' rule). Per item and account. An item without a known limit has `remaining` null
// ("?"), never infinity.
import { byTradeTime, positionKey, type Trade } from './journal-trade';

export const LIMIT_WINDOW_SECONDS = 4 * 60 * 60;

export interface LimitWindow {
  itemId: number;
  account: string | null;
  start: number;
  resetAt: number;
  bought: number;
  limit: number | null;
  remaining: number | null;
}

/** Every window the buys opened, oldest first. */
export function limitWindows(trades: readonly Trade[], limitOf: (itemId: number) => number | null): LimitWindow[] {
  const current = new Map<string, LimitWindow>();
  const windows: LimitWindow[] = [];
  for (const trade of [...trades].sort(byTradeTime)) {
    if (trade.side !== 'buy') continue;
    const key = positionKey(trade);
    let window = current.get(key);
    if (!window || trade.time >= window.resetAt) {
      const limit = limitOf(trade.itemId);
      window = { itemId: trade.itemId, account: trade.account, start: trade.time, resetAt: trade.time + LIMIT_WINDOW_SECONDS, bought: 0, limit, remaining: limit };
      current.set(key, window);
      windows.push(window);
    }
    window.bought += trade.quantity;
    window.remaining = window.limit === null ? null : Math.max(0, window.limit - window.bought);
  }
  return windows;
}

/** The windows still open at `now`, soonest reset first. */
export function openLimitWindows(trades: readonly Trade[], limitOf: (itemId: number) => number | null, now: number): LimitWindow[] {
  return limitWindows(trades, limitOf)
    .filter((window) => window.start <= now && window.resetAt > now)
    .sort((a, b) => a.resetAt - b.resetAt);
}

/** "1h 05m", "4m 09s": the time left until a reset. */
export function formatCountdown(seconds: number): string {
  const left = Math.max(0, Math.ceil(seconds));
  const hours = Math.floor(left / 3600);
  const minutes = Math.floor((left % 3600) / 60);
  const secs = left % 60;
  const pad = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}h ${pad(minutes)}m` : `${minutes}m ${pad(secs)}s`;
}

/**
 * What can be bought of each item now, for the table: the most any account has left in its open
 * window (null when the limit is unknown). Items without an open window are absent: their whole
 * limit is free.
 */
export function limitLeftByItem(open: readonly LimitWindow[]): Map<number, number | null> {
  const left = new Map<number, number | null>();
  for (const window of open) {
    const before = left.get(window.itemId);
    if (before === null || window.remaining === null) left.set(window.itemId, null);
    else left.set(window.itemId, Math.max(before ?? 0, window.remaining));
  }
  return left;
}

/** Shown in the table's "Left" column: a number, or "?" when the limit is unknown. */
/** What is left of an item's limit now: the open window's remainder, else the whole limit (null: unknown). */
export function limitLeftOf(left: ReadonlyMap<number, number | null>, itemId: number, limit: number | null): number | null {
  return (left.has(itemId) ? left.get(itemId) : limit) ?? null;
}

export function formatLimitLeft(left: ReadonlyMap<number, number | null>, itemId: number, limit: number | null): string {
  const value = limitLeftOf(left, itemId, limit);
  return value === null ? '?' : value.toLocaleString('en-GB');
}

/** The "limit available" filter: nothing known to be used up (an unknown limit is not excluded). */
export function hasLimitLeft(left: ReadonlyMap<number, number | null>, itemId: number): boolean {
  const value = left.get(itemId);
  return value === undefined || value === null || value > 0;
}

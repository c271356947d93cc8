// Buy-limit resets as an alert: when a window the journal's buys opened (journal-limits.ts, the
// one rule for windows) ends, the device tells the user once, and a closed app hears it from the
// server, which the device tells of the resets still to come. Both sides name a reset by its item
// and its time, and show it under the tag `limit-<itemId>`, so the two make one notification.
import { limitWindows } from './journal-limits';
import type { Trade } from './journal-trade';

export interface LimitReset {
  itemId: number;
  /** Unix seconds: the window's end. */
  at: number;
}

/** The most resets a device sends with its subscription (a window per item and account). */
export const MAX_LIMIT_RESETS = 100;

/** A reset noticed later than this after it happened is old news: the limits page already shows the whole limit. */
export const STALE_RESET_SECONDS = 3600;

const noLimit = (): null => null;

/** Every reset the journal's windows end with, one per item and time, soonest first. */
export function limitResets(trades: readonly Trade[]): LimitReset[] {
  const seen = new Set<string>();
  const resets: LimitReset[] = [];
  for (const window of limitWindows(trades, noLimit)) {
    const key = limitResetKey({ itemId: window.itemId, at: window.resetAt });
    if (seen.has(key)) continue;
    seen.add(key);
    resets.push({ itemId: window.itemId, at: window.resetAt });
  }
  return resets.sort((a, b) => a.at - b.at || a.itemId - b.itemId);
}

/** The resets still to come at `now`, soonest first, at most MAX_LIMIT_RESETS: what the server is told. */
export function pendingLimitResets(trades: readonly Trade[], now: number): LimitReset[] {
  return limitResets(trades).filter((reset) => reset.at > now).slice(0, MAX_LIMIT_RESETS);
}

/** The resets that came due at or before `now` and not longer than STALE_RESET_SECONDS ago, oldest first. */
export function dueLimitResets(trades: readonly Trade[], now: number): LimitReset[] {
  return limitResets(trades).filter((reset) => reset.at <= now && reset.at > now - STALE_RESET_SECONDS);
}

/** When the device should look again: the next reset to come, or null. */
export function nextLimitReset(trades: readonly Trade[], now: number): number | null {
  return pendingLimitResets(trades, now)[0]?.at ?? null;
}

export function limitResetKey(reset: LimitReset): string {
  return `${reset.itemId}:${reset.at}`;
}

export function limitResetTag(itemId: number): string {
  return `limit-${itemId}`;
}

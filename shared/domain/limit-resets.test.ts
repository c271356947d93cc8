import { describe, expect, it } from 'vitest';
import { LIMIT_WINDOW_SECONDS } from './journal-limits';
import type { Trade } from './journal-trade';
import { dueLimitResets, limitResets, MAX_LIMIT_RESETS, nextLimitReset, pendingLimitResets, STALE_RESET_SECONDS } from './limit-resets';

let next = 0;
function trade(itemId: number, time: number, side: Trade['side'] = 'buy', account: string | null = null): Trade {
  next += 1;
  return { id: `t${next}`, itemId, side, quantity: 5, price: 10, time, account, source: 'manual' };
}
const H = 3600;

describe('buy-limit resets', () => {
  it('comes due at the end of the window the first buy opened, not before', () => {
    const trades = [trade(4151, 1000)];
    expect(limitResets(trades)).toEqual([{ itemId: 4151, at: 1000 + LIMIT_WINDOW_SECONDS }]);
    expect(dueLimitResets(trades, 1000 + LIMIT_WINDOW_SECONDS - 1)).toEqual([]);
    expect(dueLimitResets(trades, 1000 + LIMIT_WINDOW_SECONDS)).toEqual([{ itemId: 4151, at: 1000 + LIMIT_WINDOW_SECONDS }]);
    expect(nextLimitReset(trades, 1000)).toBe(1000 + LIMIT_WINDOW_SECONDS);
  });

  it('does not move when another buy lands inside the window; sells open nothing', () => {
    const trades = [trade(4151, 1000), trade(4151, 1000 + 3 * H), trade(4151, 1000 + 3.9 * H, 'sell'), trade(2, 5000, 'sell')];
    expect(limitResets(trades)).toEqual([{ itemId: 4151, at: 1000 + 4 * H }]);
  });

  it('starts a new window with a buy at or after the reset, with its own reset', () => {
    const trades = [trade(4151, 1000), trade(4151, 1000 + 4 * H + 60)];
    expect(limitResets(trades)).toEqual([
      { itemId: 4151, at: 1000 + 4 * H },
      { itemId: 4151, at: 1000 + 8 * H + 60 },
    ]);
    // Once the first has come, only the second is still to come.
    expect(pendingLimitResets(trades, 1000 + 4 * H)).toEqual([{ itemId: 4151, at: 1000 + 8 * H + 60 }]);
  });

  it('names a reset once per item and time though two accounts end a window together', () => {
    const trades = [trade(4151, 1000, 'buy', 'main'), trade(4151, 1000, 'buy', 'alt'), trade(4151, 1200, 'buy', 'iron')];
    expect(limitResets(trades)).toEqual([
      { itemId: 4151, at: 1000 + 4 * H },
      { itemId: 4151, at: 1200 + 4 * H },
    ]);
  });

  it('leaves out a reset noticed more than an hour late', () => {
    const trades = [trade(4151, 1000)];
    expect(dueLimitResets(trades, 1000 + 4 * H + STALE_RESET_SECONDS - 1)).toHaveLength(1);
    expect(dueLimitResets(trades, 1000 + 4 * H + STALE_RESET_SECONDS)).toEqual([]);
  });

  it('tells the server at most the soonest MAX_LIMIT_RESETS', () => {
    const trades = Array.from({ length: MAX_LIMIT_RESETS + 10 }, (_, index) => trade(index + 1, 1000 + index));
    const pending = pendingLimitResets(trades, 0);
    expect(pending).toHaveLength(MAX_LIMIT_RESETS);
    expect(pending[0]).toEqual({ itemId: 1, at: 1000 + 4 * H });
  });
});

import { describe, expect, it } from 'vitest';
import { formatCountdown, formatLimitLeft, hasLimitLeft, limitLeftByItem, limitWindows, LIMIT_WINDOW_SECONDS, openLimitWindows } from './journal-limits';
import type { Trade } from './journal-trade';

let next = 0;
function buy(itemId: number, quantity: number, time: number, account: string | null = null): Trade {
  next += 1;
  return { id: `b${next}`, itemId, side: 'buy', quantity, price: 10, time, account, source: 'manual' };
}
const limits = (id: number) => (id === 4151 ? 70 : null);

describe('buy-limit windows', () => {
  it('opens a window at the first buy and does not extend it with later buys', () => {
    const [window, ...rest] = limitWindows([buy(4151, 20, 1000), buy(4151, 30, 1000 + 3 * 3600)], limits);
    expect(rest).toEqual([]);
    expect(window).toMatchObject({ start: 1000, resetAt: 1000 + LIMIT_WINDOW_SECONDS, bought: 50, limit: 70, remaining: 20 });
  });

  it('opens a new window after the reset', () => {
    const windows = limitWindows([buy(4151, 70, 1000), buy(4151, 5, 1000 + LIMIT_WINDOW_SECONDS)], limits);
    expect(windows.map((window) => [window.start, window.bought, window.remaining])).toEqual([
      [1000, 70, 0],
      [1000 + LIMIT_WINDOW_SECONDS, 5, 65],
    ]);
    expect(openLimitWindows([buy(4151, 70, 1000)], limits, 1000 + LIMIT_WINDOW_SECONDS)).toEqual([]);
  });

  it('leaves the remaining unknown for an item without a limit, and keeps accounts apart', () => {
    const open = openLimitWindows([buy(2, 500, 1000, 'main'), buy(2, 100, 1100, 'alt'), { ...buy(2, 1, 1200), side: 'sell' }], limits, 2000);
    expect(open.map((window) => [window.account, window.bought, window.remaining])).toEqual([
      ['main', 500, null],
      ['alt', 100, null],
    ]);
  });

  it('shows the time left as hours and minutes, then minutes and seconds', () => {
    expect(formatCountdown(3 * 3600 + 5 * 60 + 30)).toBe('3h 05m');
    expect(formatCountdown(249)).toBe('4m 09s');
    expect(formatCountdown(-5)).toBe('0m 00s');
  });

  it('gives the table what is left now: the best account, the whole limit with no window, "?" when unknown', () => {
    const open = openLimitWindows([buy(4151, 70, 1000, 'main'), buy(4151, 20, 1100, 'alt'), buy(2, 5, 1000)], limits, 2000);
    const left = limitLeftByItem(open);
    expect(formatLimitLeft(left, 4151, 70)).toBe('50');
    expect(formatLimitLeft(left, 2, null)).toBe('?');
    expect(formatLimitLeft(left, 11832, 8)).toBe('8');
    const usedUp = limitLeftByItem(openLimitWindows([buy(4151, 70, 1000)], limits, 2000));
    expect([hasLimitLeft(usedUp, 4151), hasLimitLeft(usedUp, 11832), hasLimitLeft(left, 2)]).toEqual([false, true, true]);
  });
});

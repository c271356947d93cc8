import { describe, expect, it } from 'vitest';
import { dayOf, matchTrades, openPositions, sumFlips, totalProfit } from './journal-profit';
import { GE_TAX_INCREASED } from './tax';
import type { Trade } from './journal-trade';

let next = 0;
function trade(side: Trade['side'], itemId: number, quantity: number, price: number, time: number, account: string | null = null): Trade {
  next += 1;
  return { id: `t${next}`, itemId, side, quantity, price, time, account, source: 'manual' };
}

const WHIP = 4151;
const BEFORE = GE_TAX_INCREASED - 3600;
const AFTER = GE_TAX_INCREASED + 3600;

describe('FIFO matching with the tax of each sell', () => {
  it('taxes a sell before 2025-05-29 at 1% and one after at 2%', () => {
    const { flips } = matchTrades([
      trade('buy', WHIP, 2, 1_000_000, BEFORE - 100),
      trade('sell', WHIP, 1, 1_100_000, BEFORE),
      trade('sell', WHIP, 1, 1_100_000, AFTER),
    ]);
    expect(flips.map((flip) => flip.tax)).toEqual([11_000, 22_000]);
    expect(flips.map((flip) => flip.profit)).toEqual([89_000, 78_000]);
  });

  it('matches the oldest buy first and splits a sell across partial fills', () => {
    const { flips, open } = matchTrades([
      trade('buy', WHIP, 3, 100, AFTER),
      trade('buy', WHIP, 5, 200, AFTER + 10),
      trade('sell', WHIP, 4, 300, AFTER + 20),
    ]);
    expect(flips.map((flip) => [flip.quantity, flip.buyPrice])).toEqual([
      [3, 100],
      [1, 200],
    ]);
    // 2% of 300 is 6 gp per item.
    expect(totalProfit(flips)).toEqual({ profit: 3 * 194 + 94, tax: 24, quantity: 4, flips: 2 });
    expect(open).toMatchObject([{ quantity: 4, price: 200 }]);
  });

  it('charges no tax on an exempt item, and the new exemptions only from 2025-05-29', () => {
    const lobster = 379; // exempt from 2025-05-29
    const chisel = 1755; // exempt since 2021
    const { flips } = matchTrades([
      trade('buy', lobster, 2, 100, BEFORE - 10),
      trade('sell', lobster, 1, 200, BEFORE),
      trade('sell', lobster, 1, 200, AFTER),
      trade('buy', chisel, 1, 100, BEFORE - 10),
      trade('sell', chisel, 1, 200, BEFORE + 1),
    ]);
    expect(flips.map((flip) => flip.tax)).toEqual([2, 0, 0]);
  });

  it('caps the tax at 5M per item', () => {
    const { flips } = matchTrades([trade('buy', 22486, 2, 1_000_000_000, AFTER), trade('sell', 22486, 2, 1_100_000_000, AFTER + 1)]);
    expect(flips[0]?.tax).toBe(10_000_000);
    expect(flips[0]?.profit).toBe(200_000_000 - 10_000_000);
  });

  it('keeps accounts apart and flags a sell with nothing bought before it', () => {
    const { flips, unmatched } = matchTrades([
      trade('buy', WHIP, 1, 100, AFTER, 'main'),
      trade('sell', WHIP, 2, 150, AFTER + 5, 'alt'),
      trade('sell', WHIP, 3, 150, AFTER + 6, 'main'),
    ]);
    expect(flips).toHaveLength(1);
    expect(unmatched.map((row) => [row.trade.account, row.quantity])).toEqual([
      ['alt', 2],
      ['main', 2],
    ]);
  });

  it('sums per item and per day', () => {
    const { flips } = matchTrades([
      trade('buy', WHIP, 2, 100, AFTER),
      trade('sell', WHIP, 1, 200, AFTER + 10),
      trade('sell', WHIP, 1, 200, AFTER + 86_400),
    ]);
    const days = sumFlips(flips, (flip) => dayOf(flip.soldAt, 'UTC'));
    expect([...days.keys()]).toEqual(['2025-05-29', '2025-05-30']);
    expect(sumFlips(flips, (flip) => flip.itemId).get(WHIP)?.profit).toBe(2 * 96);
  });
});

describe('open positions', () => {
  it('values what is still held at the live price after tax, or not at all without one', () => {
    const { open } = matchTrades([trade('buy', WHIP, 2, 1_000, AFTER), trade('buy', WHIP, 1, 1_300, AFTER + 60), trade('buy', 2, 10, 5, AFTER)]);
    const positions = openPositions(open, (id) => (id === WHIP ? 1_500 : null), AFTER + 120);
    expect(positions).toEqual([
      { itemId: WHIP, account: null, quantity: 3, cost: 3_300, heldSince: AFTER, value: 3 * 1_470, unrealised: 3 * 1_470 - 3_300 },
      { itemId: 2, account: null, quantity: 10, cost: 50, heldSince: AFTER, value: null, unrealised: null },
    ]);
  });
});

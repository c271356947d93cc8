import { describe, expect, it } from 'vitest';
import { computeFigures, type FigureInput } from './figures';
import { GE_TAX_INCREASED } from './tax';

const NOW = GE_TAX_INCREASED + 86_400;
const HOUR = 3600;

function legs(overrides: Partial<FigureInput>): FigureInput {
  return { itemId: 4151, high: null, highTime: NOW - 60, low: null, lowTime: NOW - 60, highalch: null, ...overrides };
}

describe('computeFigures', () => {
  it('shows the abyssal whip bought at 1,700,000 and sold at 1,716,616 losing 17,716 after tax', () => {
    const figures = computeFigures(legs({ high: 1_716_616, low: 1_700_000, highalch: 72_000 }), NOW, HOUR);
    expect(figures).toMatchObject({ margin: 16_616, tax: 34_332, profit: -17_716, inverted: false, stale: false });
    expect(figures.roi).toBeCloseTo(-17_716 / 1_700_000, 10);
    expect(figures.alchProfit).toBe(72_000 - 1_700_000);
  });

  it('shows a nature rune bought at 110 and sold at 115 making 3 gp (2.7% ROI)', () => {
    const figures = computeFigures(legs({ itemId: 561, high: 115, low: 110, highalch: 108 }), NOW, HOUR);
    expect(figures).toMatchObject({ margin: 5, tax: 2, profit: 3, alchProfit: -2 });
    expect(figures.roi).toBeCloseTo(0.0273, 4);
  });

  it('keeps the whole margin of the tax-exempt old school bond', () => {
    const figures = computeFigures(legs({ itemId: 13190, high: 13_299_048, low: 13_000_000 }), NOW, HOUR);
    expect(figures).toMatchObject({ margin: 299_048, tax: 0, profit: 299_048 });
  });

  it('gives null figures, never 0, when the buy leg is missing', () => {
    const figures = computeFigures(legs({ high: 50_000, low: null, lowTime: null, highalch: 30 }), NOW, HOUR);
    expect(figures).toMatchObject({ margin: null, profit: null, roi: null, alchProfit: null, inverted: false });
    expect(figures.tax).toBe(1_000);
    expect(figures.stale).toBe(true);
  });

  it('gives null figures when the sell leg is missing', () => {
    const figures = computeFigures(legs({ high: null, highTime: null, low: 100 }), NOW, HOUR);
    expect(figures).toMatchObject({ margin: null, tax: null, profit: null, roi: null, stale: true });
  });

  it('has no ROI when the buy price is 0', () => {
    expect(computeFigures(legs({ high: 10, low: 0 }), NOW, HOUR).roi).toBeNull();
  });

  it('flags legs where the instant-buy price is below the instant-sell price as inverted', () => {
    const figures = computeFigures(legs({ high: 95, low: 100 }), NOW, HOUR);
    expect(figures).toMatchObject({ inverted: true, margin: -5, profit: -6 });
  });

  it('flags an item stale when either leg is older than the threshold', () => {
    expect(computeFigures(legs({ high: 100, low: 90, lowTime: NOW - HOUR - 1 }), NOW, HOUR).stale).toBe(true);
    expect(computeFigures(legs({ high: 100, low: 90, highTime: NOW - HOUR, lowTime: NOW }), NOW, HOUR).stale).toBe(false);
  });

  it('has no alch profit without a high alch value', () => {
    expect(computeFigures(legs({ high: 100, low: 90, highalch: null }), NOW, HOUR).alchProfit).toBeNull();
  });
});

import type { PriceLegs } from './price-legs';
import { geTax } from './tax';

export interface Figures {
  /** sell - buy, before tax (sell = high, buy = low). */
  margin: number | null;
  tax: number | null;
  /** sell - tax - buy. */
  profit: number | null;
  /** profit / buy, as a fraction (0.027 = 2.7%). */
  roi: number | null;
  /** highalch - buy price (low); nature rune cost is left to the trader. */
  alchProfit: number | null;
  /** Both legs known and high < low: the legs happened at different times. */
  inverted: boolean;
  /** One leg is older than the stale threshold, or missing. */
  stale: boolean;
}

export interface FigureInput extends PriceLegs {
  itemId: number;
  highalch: number | null;
}

/**
 * Derived trading figures for one item. A missing leg gives null figures, never 0.
 * `now` and `staleAfter` are unix seconds.
 */
export function computeFigures(input: FigureInput, now: number, staleAfter: number): Figures {
  const { high, low, highTime, lowTime } = input;
  const both = high !== null && low !== null;
  const tax = high !== null ? geTax(input.itemId, high, now) : null;
  const margin = both ? high - low : null;
  const profit = both && tax !== null ? high - tax - low : null;
  const roi = profit !== null && low !== null && low > 0 ? profit / low : null;
  const alchProfit = input.highalch !== null && low !== null ? input.highalch - low : null;
  const oldest = highTime === null || lowTime === null ? null : Math.min(highTime, lowTime);
  const stale = oldest === null || now - oldest > staleAfter;
  return { margin, tax, profit, roi, alchProfit, inverted: both && high < low, stale };
}

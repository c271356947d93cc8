// The misclick check: a hand-entered price far outside what the market traded in that 5-minute
// window is probably a slip of the thumb (an extra zero, k for m). Gentle: a warning, never a block.

export interface MarketWindow {
  avgHighPrice: number | null;
  avgLowPrice: number | null;
}

/** How far outside the window's averages a price may be before it is questioned. */
export const MISCLICK_TOLERANCE = 0.05;

/** A warning for the user, or null when the price fits the window (or there is no window to check). */
export function misclickWarning(price: number, window: MarketWindow | null, tolerance = MISCLICK_TOLERANCE): string | null {
  const sides = [window?.avgHighPrice, window?.avgLowPrice].filter((value): value is number => typeof value === 'number');
  if (sides.length === 0) return null;
  const low = Math.min(...sides) * (1 - tolerance);
  const high = Math.max(...sides) * (1 + tolerance);
  if (price >= low && price <= high) return null;
  const range = `${Math.min(...sides).toLocaleString('en-GB')}–${Math.max(...sides).toLocaleString('en-GB')} gp`;
  return `${price.toLocaleString('en-GB')} gp is ${price < low ? 'below' : 'above'} the market's range at that time (${range}). Check for a misclick.`;
}

/** The start of the 5-minute window holding a time. */
export function fiveMinuteWindowOf(time: number): number {
  return time - (time % 300);
}

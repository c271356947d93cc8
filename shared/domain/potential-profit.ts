// What a trader can make per 4-hour buy-limit window, and how much money moves through an item.
// Only the 24-hour volume is known for every item, so the 4-hour volume is taken as a sixth of it.

/**
 * The share of the 4-hour volume one trader can expect to buy without moving the price: both legs
 * count in the volume and other flippers compete for the same fills, so a tenth is a cautious guess.
 */
export const VOLUME_SHARE = 0.1;

/** Items traded in 4 hours, estimated from the 24-hour volume. */
export function volume4h(volume24h: number | null): number | null {
  return volume24h === null ? null : volume24h / 6;
}

/** Profit per item times the buy limit: the most one 4-hour window can make. */
export function potentialProfit(profit: number | null, limit: number | null): number | null {
  if (profit === null || limit === null) return null;
  return profit * limit;
}

/**
 * Profit per item times what one trader can really buy in 4 hours: the buy limit or
 * VOLUME_SHARE of the 4-hour volume, whichever is smaller (an unknown limit leaves the volume).
 */
export function volumeAwareProfit(profit: number | null, limit: number | null, volume24h: number | null): number | null {
  const perWindow = volume4h(volume24h);
  if (profit === null || perWindow === null) return null;
  const fillable = Math.floor(perWindow * VOLUME_SHARE);
  return profit * (limit === null ? fillable : Math.min(limit, fillable));
}

/** Margin times the 24-hour volume: how much spread the market trades in a day. */
export function marginVolume(margin: number | null, volume24h: number | null): number | null {
  return margin === null || volume24h === null ? null : margin * volume24h;
}

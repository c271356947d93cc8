import type { ItemLegs } from '../store/price-diff';
import type { LatestResponse } from '../upstream/schemas';

/** A validated /latest body as the store's rows (the JSON keys are decimal item ids). */
export function toItemLegs(response: LatestResponse): ItemLegs[] {
  return Object.entries(response.data).map(([key, legs]) => ({
    itemId: Number(key),
    high: legs.high,
    highTime: legs.highTime,
    low: legs.low,
    lowTime: legs.lowTime,
  }));
}

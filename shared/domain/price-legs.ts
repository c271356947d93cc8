// The shape every layer gives an item's latest prices: the wiki's /latest, the store, the stream,
// the figures and the demo market all speak it.

/** Latest instant-buy (high) and instant-sell (low) legs, with their unix-second times; null when never traded. */
export interface PriceLegs {
  high: number | null;
  highTime: number | null;
  low: number | null;
  lowTime: number | null;
}

// One item's figures as the table and the item page show them: the shared trading figures plus
// what a 4-hour limit window can make and whether the margin can be trusted.
import { computeFigures, type Figures } from '../../shared/domain/figures';
import { isThin, isUnstable } from '../../shared/domain/market-flags';
import { marginVolume, potentialProfit, volumeAwareProfit } from '../../shared/domain/potential-profit';
import { formatAge } from '../../shared/domain/price-format';
import type { CatalogueItem, HourRecord, PriceRecord } from '../db/records';

/**
 * A leg older than this is flagged stale until the server has said its own STALE_AFTER
 * (`AppData.staleAfter`): the server's default.
 */
export const STALE_AFTER_SECONDS = 3600;

/** "an hour", "2h": for the stale mark's explanation. */
export function describeStaleAfter(staleAfter: number): string {
  return staleAfter === 3600 ? 'an hour' : formatAge(0, staleAfter);
}

export function figuresOf(item: CatalogueItem, price: PriceRecord | undefined, now: number, staleAfter = STALE_AFTER_SECONDS): Figures {
  return computeFigures(
    {
      itemId: item.id,
      highalch: item.highalch,
      high: price?.high ?? null,
      highTime: price?.highTime ?? null,
      low: price?.low ?? null,
      lowTime: price?.lowTime ?? null,
    },
    now,
    staleAfter,
  );
}

export interface TradeFigures extends Figures {
  potential: number | null;
  potentialVolume: number | null;
  marginVolume: number | null;
  /** A latest leg far off its 1-hour average (shared/domain/market-flags.ts). */
  unstable: boolean;
  /** Thin (high ROI on little volume) or unstable: a margin not to trust. */
  shaky: boolean;
}

/** `hour`: the item's bucket of the newest 1h window the device holds; without one it is not unstable. */
export function tradeFiguresOf(item: CatalogueItem, price: PriceRecord | undefined, now: number, staleAfter = STALE_AFTER_SECONDS, hour?: HourRecord): TradeFigures {
  const figures = figuresOf(item, price, now, staleAfter);
  const unstable = isUnstable({ high: price?.high ?? null, low: price?.low ?? null, avgHigh1h: hour?.avgHigh1h ?? null, avgLow1h: hour?.avgLow1h ?? null });
  return {
    ...figures,
    potential: potentialProfit(figures.profit, item.limit),
    potentialVolume: volumeAwareProfit(figures.profit, item.limit, item.volume24h),
    marginVolume: marginVolume(figures.margin, item.volume24h),
    unstable,
    shaky: unstable || isThin(figures.roi, item.volume24h),
  };
}

/** Age of the older of the two legs, in seconds; null when a leg never traded. */
export function oldestLegAge(price: PriceRecord | undefined, now: number): number | null {
  if (price?.highTime == null || price.lowTime == null) return null;
  return now - Math.min(price.highTime, price.lowTime);
}

import { TIMESTEP_SECONDS, type Timestep } from '../../shared/domain/timestep';
import { isTimestep } from '../../shared/domain/timestep';

export const RANGES = ['1D', '1W', '1M', '1Y'] as const;
export type ChartRange = (typeof RANGES)[number];

export const RANGE_SECONDS: Record<ChartRange, number> = {
  '1D': 86_400,
  '1W': 7 * 86_400,
  '1M': 30 * 86_400,
  '1Y': 365 * 86_400,
};

/** The timestep that gives a range a readable number of points (the server keeps about 365 of each). */
export const RANGE_TIMESTEP: Record<ChartRange, Timestep> = { '1D': '5m', '1W': '1h', '1M': '6h', '1Y': '24h' };

export function isRange(value: unknown): value is ChartRange {
  return typeof value === 'string' && (RANGES as readonly string[]).includes(value);
}

export interface ChartView {
  range: ChartRange;
  timestep: Timestep;
}

/** Reads ?range=&step= from the item page's URL; the timestep follows the range unless chosen. */
export function parseChartView(params: { range?: string | string[]; step?: string | string[] }): ChartView {
  const range = isRange(params.range) ? params.range : '1W';
  const timestep = isTimestep(params.step) ? params.step : RANGE_TIMESTEP[range];
  return { range, timestep };
}

/**
 * When the buckets held reach back much less far than the range (1W at 5m: the server keeps about
 * two days of 5m), says how far they go and which step covers the whole range. Null: it is covered.
 */
export function describeCoverage(view: ChartView, oldest: number | null, now: number): string | null {
  if (oldest === null) return null;
  const span = now - oldest;
  const wanted = RANGE_SECONDS[view.range];
  if (span >= wanted * 0.9 || TIMESTEP_SECONDS[view.timestep] >= TIMESTEP_SECONDS[RANGE_TIMESTEP[view.range]]) return null;
  const held = span >= 2 * 86_400 ? `${Math.round(span / 86_400)} days` : `${Math.max(1, Math.round(span / 3600))} h`;
  return `${view.timestep} steps reach back ${held}, not the whole ${view.range}: choose ${RANGE_TIMESTEP[view.range]} to see all of it.`;
}

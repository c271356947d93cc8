import { describe, expect, it } from 'vitest';
import { describeCoverage, parseChartView } from './chart-range';

const NOW = 1_760_000_000;
const HOUR = 3600;

describe('a range the chosen step cannot fill', () => {
  it('says how far 5m buckets reach in a week and which step covers it', () => {
    expect(describeCoverage(parseChartView({ range: '1W', step: '5m' }), NOW - 31 * HOUR, NOW)).toBe('5m steps reach back 31 h, not the whole 1W: choose 1h to see all of it.');
  });

  it('says nothing when the range is covered, or when the default step simply has no older history', () => {
    expect(describeCoverage(parseChartView({ range: '1D', step: '5m' }), NOW - 24 * HOUR, NOW)).toBeNull();
    expect(describeCoverage(parseChartView({ range: '1W' }), NOW - 31 * HOUR, NOW)).toBeNull();
    expect(describeCoverage(parseChartView({ range: '1W', step: '5m' }), null, NOW)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { marginVolume, potentialProfit, VOLUME_SHARE, volume4h, volumeAwareProfit } from './potential-profit';

describe('potential profit', () => {
  it('multiplies the profit per item by the buy limit', () => {
    expect(potentialProfit(3, 25_000)).toBe(75_000);
    expect(potentialProfit(-17_716, 70)).toBe(-1_240_120);
  });

  it('is unknown without a profit or a limit, never 0', () => {
    expect(potentialProfit(null, 70)).toBeNull();
    expect(potentialProfit(120, null)).toBeNull();
  });
});

describe('volume-aware potential profit', () => {
  it('takes the buy limit when the market trades far more than it', () => {
    // 600,000 a day: 100,000 in 4 hours, a tenth of it is 10,000, above the limit of 70.
    expect(volumeAwareProfit(1_000, 70, 600_000)).toBe(70_000);
  });

  it('takes a share of the 4-hour volume when that is below the limit', () => {
    // 1,200 a day: 200 in 4 hours, a tenth of it is 20 items.
    expect(VOLUME_SHARE).toBe(0.1);
    expect(volumeAwareProfit(1_000, 70, 1_200)).toBe(20_000);
  });

  it('uses the volume alone when the item has no known limit, and is unknown without volume', () => {
    expect(volumeAwareProfit(10, null, 6_000)).toBe(1_000);
    expect(volumeAwareProfit(10, 70, null)).toBeNull();
    expect(volumeAwareProfit(null, 70, 6_000)).toBeNull();
  });

  it('estimates the 4-hour volume as a sixth of the day', () => {
    expect(volume4h(6_000)).toBe(1_000);
    expect(volume4h(null)).toBeNull();
  });
});

describe('margin × volume', () => {
  it('is the margin times the 24-hour volume', () => {
    expect(marginVolume(5, 2_000_000)).toBe(10_000_000);
    expect(marginVolume(null, 10)).toBeNull();
    expect(marginVolume(5, null)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { misclickWarning } from './journal-misclick';

describe('the misclick check', () => {
  const window = { avgHighPrice: 1_500_000, avgLowPrice: 1_450_000 };

  it('accepts a price inside the window, with a little room', () => {
    expect(misclickWarning(1_470_000, window)).toBeNull();
    expect(misclickWarning(1_520_000, window)).toBeNull();
  });

  it('warns about a price far outside the window', () => {
    expect(misclickWarning(150_000, window)).toMatch(/below the market's range.*1,450,000–1,500,000 gp/);
    expect(misclickWarning(15_000_000, window)).toMatch(/above/);
  });

  it('says nothing when the device holds no window for that time', () => {
    expect(misclickWarning(1, null)).toBeNull();
    expect(misclickWarning(1, { avgHighPrice: null, avgLowPrice: null })).toBeNull();
  });
});

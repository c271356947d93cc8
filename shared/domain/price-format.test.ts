import { describe, expect, it } from 'vitest';
import { formatAge, formatAgo, formatExact, formatPercent, formatPrice, parsePercent, parsePrice } from './price-format';

describe('formatPrice', () => {
  it('writes small prices in full with thousands separators', () => {
    expect(formatPrice(950)).toBe('950');
    expect(formatPrice(9_999)).toBe('9,999');
  });

  it('abbreviates large prices with K, M and B', () => {
    expect(formatPrice(12_500)).toBe('12.5K');
    expect(formatPrice(1_716_616)).toBe('1.72M');
    expect(formatPrice(1_500_000)).toBe('1.5M');
    expect(formatPrice(19_520_988)).toBe('19.5M');
    expect(formatPrice(3_400_000_000)).toBe('3.4B');
    expect(formatPrice(-17_716)).toBe('-17.7K');
  });

  it('moves up a unit when rounding reaches 1000 of the smaller one', () => {
    expect(formatPrice(999_999)).toBe('1M');
    expect(formatPrice(999_999_999)).toBe('1B');
    expect(formatPrice(-999_999)).toBe('-1M');
    expect(formatPrice(999_499)).toBe('999K');
  });

  it('shows a dash for a missing price, never 0', () => {
    expect(formatPrice(null)).toBe('–');
    expect(formatPrice(undefined)).toBe('–');
    expect(formatPrice(Number.NaN)).toBe('–');
    expect(formatExact(null)).toBe('–');
  });

  it('writes an exact price in gp', () => {
    expect(formatExact(1_716_616)).toBe('1,716,616 gp');
  });
});

describe('parsePrice', () => {
  it('reads what a trader types', () => {
    expect(parsePrice('1.5m')).toBe(1_500_000);
    expect(parsePrice('1.5M')).toBe(1_500_000);
    expect(parsePrice('250k')).toBe(250_000);
    expect(parsePrice('3b')).toBe(3_000_000_000);
    expect(parsePrice('1,200')).toBe(1_200);
    expect(parsePrice(' 1.5 m ')).toBe(1_500_000);
    expect(parsePrice('115gp')).toBe(115);
    expect(parsePrice('42')).toBe(42);
  });

  it('rounds fractions of a gp', () => {
    expect(parsePrice('1.2345k')).toBe(1_235);
  });

  it('returns null for text that is not a price', () => {
    for (const text of ['', 'abc', 'k', '1.5x', '1..5m', 'm1']) expect(parsePrice(text), text).toBeNull();
  });
});

describe('formatPercent and formatAge', () => {
  it('writes ROI as a percentage', () => {
    expect(formatPercent(0.0273)).toBe('2.73%');
    expect(formatPercent(1.5)).toBe('150%');
    expect(formatPercent(null)).toBe('–');
  });

  it('writes how old a price is in the largest whole unit', () => {
    const now = 1_748_242_932;
    expect(formatAge(now - 45, now)).toBe('45s');
    expect(formatAge(now - 12 * 60, now)).toBe('12m');
    expect(formatAge(now - 3 * 3600, now)).toBe('3h');
    expect(formatAge(now - 28 * 86_400, now)).toBe('28d');
    expect(formatAge(now + 10, now)).toBe('0s');
    expect(formatAge(null, now)).toBe('–');
  });
});

describe('formatAgo', () => {
  it('says how long ago in words a trader reads at a glance', () => {
    const now = 1_748_242_932;
    expect(formatAgo(now - 45, now)).toBe('45 s ago');
    expect(formatAgo(now - 3 * 60, now)).toBe('3 min ago');
    expect(formatAgo(now - 2 * 3600, now)).toBe('2 h ago');
    expect(formatAgo(now - 4 * 86_400, now)).toBe('4 d ago');
    expect(formatAgo(null, now)).toBe('–');
  });
});

describe('parsePercent', () => {
  it('reads a percentage with or without its sign, keeping decimals', () => {
    expect(parsePercent('4')).toBe(4);
    expect(parsePercent(' 2.5 % ')).toBe(2.5);
    expect(parsePercent('-10%')).toBe(-10);
  });

  it('refuses what is not a percentage', () => {
    expect(parsePercent('')).toBeNull();
    expect(parsePercent('5k')).toBeNull();
    expect(parsePercent('ten')).toBeNull();
    expect(parsePercent('%')).toBeNull();
  });
});

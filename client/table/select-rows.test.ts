import { describe, expect, it } from 'vitest';
import type { CatalogueItem, HourRecord, PriceRecord } from '../db/records';
import { selectRows } from './select-rows';
import { parseTableQuery } from './table-query';

const NOW = 1_760_000_000;

function item(id: number, name: string, extra: Partial<CatalogueItem> = {}): CatalogueItem {
  return { id, name, examine: '', members: true, icon: `${name}.png`, limit: 70, value: 1, lowalch: 1, highalch: 1, volume1h: 10, volume24h: 100, ...extra };
}

function price(itemId: number, low: number | null, high: number | null): PriceRecord {
  return { itemId, low, high, lowTime: NOW - 60, highTime: NOW - 30, seq: 1 };
}

const items = [
  item(4151, 'Abyssal whip', { volume24h: 5000 }),
  item(12006, 'Abyssal tentacle', { volume24h: 900 }),
  item(21, 'Whip of the ancients', { volume24h: 1 }),
  item(1511, 'Logs', { members: false, volume24h: 90_000, limit: 25_000 }),
  item(2, 'Steel cannonball', { members: false, volume24h: null }),
];
const prices = {
  4151: price(4151, 1_700_000, 1_750_000),
  12006: price(12006, 2_000_000, 1_990_000),
  21: price(21, 100, 120),
  1511: price(1511, 40, 44),
};

const names = (query: Record<string, string>, starred: ReadonlySet<number> = new Set()) =>
  selectRows(items, prices, parseTableQuery(query), NOW, 3600, starred).map((i) => i.name);

describe('choosing the table rows', () => {
  it('ranks an exact or prefix name match above a word match and a substring', () => {
    expect(names({ q: 'whip' })).toEqual(['Whip of the ancients', 'Abyssal whip']);
    expect(names({ q: 'ABYSSAL' })).toEqual(['Abyssal whip', 'Abyssal tentacle']);
  });

  it('puts the busiest items first by default and a missing volume last', () => {
    expect(names({})).toEqual(['Logs', 'Abyssal whip', 'Abyssal tentacle', 'Whip of the ancients', 'Steel cannonball']);
  });

  it('sorts by margin either way, keeping items without a price at the end both times', () => {
    expect(names({ sort: 'margin', dir: 'desc' })).toEqual(['Abyssal whip', 'Whip of the ancients', 'Logs', 'Abyssal tentacle', 'Steel cannonball']);
    expect(names({ sort: 'margin', dir: 'asc' })).toEqual(['Abyssal tentacle', 'Logs', 'Whip of the ancients', 'Abyssal whip', 'Steel cannonball']);
  });

  it('filters members or free-to-play items', () => {
    expect(names({ members: 'f2p' })).toEqual(['Logs', 'Steel cannonball']);
    expect(names({ members: 'members', q: 'abyssal' })).toHaveLength(2);
  });

  it('applies min margin, min volume and a max price typed as 1.5m', () => {
    expect(names({ maxPrice: '1.8m' })).toEqual(['Logs', 'Abyssal whip', 'Whip of the ancients']);
    expect(names({ minMargin: '10k' })).toEqual(['Abyssal whip']);
    expect(names({ minVolume: '1k' })).toEqual(['Logs', 'Abyssal whip']);
  });

  it('sorts by potential profit per 4-hour limit: profit × buy limit', () => {
    // Whip 15,000 × 70; logs 4 × 25,000; whip of the ancients 18 × 70; the tentacle loses.
    expect(names({ sort: 'potential' })).toEqual(['Abyssal whip', 'Logs', 'Whip of the ancients', 'Abyssal tentacle', 'Steel cannonball']);
    expect(names({ sort: 'potential', dir: 'asc' })).toEqual(['Abyssal tentacle', 'Whip of the ancients', 'Logs', 'Abyssal whip', 'Steel cannonball']);
  });

  it('sorts by the volume-aware potential, which caps logs at a tenth of their 4-hour volume', () => {
    // Logs: 90,000 a day is 15,000 in 4 hours, a tenth is 1,500 below the limit: 4 × 1,500.
    expect(names({ sort: 'potentialVolume' })).toEqual(['Abyssal whip', 'Logs', 'Whip of the ancients', 'Abyssal tentacle', 'Steel cannonball']);
    expect(names({ sort: 'marginVolume' })[0]).toBe('Abyssal whip');
  });

  it('applies min profit, min ROI and the max age of the legs', () => {
    expect(names({ minProfit: '10k' })).toEqual(['Abyssal whip']);
    expect(names({ minRoi: '5' })).toEqual(['Logs', 'Whip of the ancients']);
    expect(names({ minRoi: '5%' })).toEqual(['Logs', 'Whip of the ancients']);
    expect(names({ maxAge: '2m' })).toEqual(['Logs', 'Abyssal whip', 'Abyssal tentacle', 'Whip of the ancients']);
    expect(names({ maxAge: '30s' })).toEqual([]);
  });

  it('hides thin items (18% on one trade a day) and unstable ones (a latest leg over 15% off its 1-hour average)', () => {
    const hour = (itemId: number, avgHigh1h: number | null, avgLow1h: number | null): HourRecord => ({ itemId, timestamp: NOW - 3600, avgHigh1h, avgLow1h, volumes: [5, 5] });
    const hourly = new Map([
      // The whip's legs sit within 15% of its averages; the tentacle's sell is 17% under its average.
      [4151, hour(4151, 1_600_000, 1_500_000)],
      [12006, hour(12006, 2_400_000, 2_000_000)],
      [1511, hour(1511, null, null)],
    ]);
    const steady = (map: typeof hourly) => selectRows(items, prices, parseTableQuery({ steady: '1' }), NOW, 3600, new Set(), new Map(), map).map((i) => i.name);
    expect(steady(hourly)).toEqual(['Logs', 'Abyssal whip', 'Steel cannonball']);
    // Crossed legs alone are not unstable, and an item with no known average is never flagged.
    expect(steady(new Map())).toEqual(['Logs', 'Abyssal whip', 'Abyssal tentacle', 'Steel cannonball']);
    // Just past the threshold on the buy leg: 1,700,000 against an average of 1,470,000 is 15.6% off.
    expect(steady(new Map([[4151, hour(4151, null, 1_470_000)]]))).toEqual(['Logs', 'Abyssal tentacle', 'Steel cannonball']);
  });

  it('pins starred items to the top in the chosen order, or shows only them', () => {
    const starred = new Set([21, 12006]);
    expect(names({ starred: 'pin' }, starred)).toEqual(['Abyssal tentacle', 'Whip of the ancients', 'Logs', 'Abyssal whip', 'Steel cannonball']);
    expect(names({ starred: 'only', sort: 'name', dir: 'asc' }, starred)).toEqual(['Abyssal tentacle', 'Whip of the ancients']);
    expect(names({ starred: 'pin', q: 'whip' }, starred)).toEqual(['Whip of the ancients', 'Abyssal whip']);
  });

  it('sorts by the buy limit left in the journal and keeps only items with some left under "limit available"', () => {
    // The whip's window is used up, the tentacle's has 20 left; the others have their whole limit, the cannonball an unknown one.
    const left = new Map<number, number | null>([[4151, 0], [12006, 20], [2, null]]);
    const rows = (query: Record<string, string>) => selectRows(items, prices, parseTableQuery(query), NOW, 3600, new Set(), left).map((i) => i.name);
    expect(rows({ sort: 'limitLeft', dir: 'asc' })).toEqual(['Abyssal whip', 'Abyssal tentacle', 'Whip of the ancients', 'Logs', 'Steel cannonball']);
    expect(rows({ limit: 'left', sort: 'limitLeft', dir: 'desc' })).toEqual(['Logs', 'Whip of the ancients', 'Abyssal tentacle', 'Steel cannonball']);
  });
});

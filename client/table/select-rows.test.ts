import { describe, expect, it } from 'vitest';
import type { CatalogueItem, PriceRecord } from '../db/records';
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
  item(1511, 'Logs', { members: false, volume24h: 90_000 }),
  item(2, 'Steel cannonball', { members: false, volume24h: null }),
];
const prices = {
  4151: price(4151, 1_700_000, 1_750_000),
  12006: price(12006, 2_000_000, 1_990_000),
  21: price(21, 100, 120),
  1511: price(1511, 40, 44),
};

const names = (query: Record<string, string>) => selectRows(items, prices, parseTableQuery(query), NOW).map((i) => i.name);

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
});

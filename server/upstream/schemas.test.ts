import { describe, expect, it } from 'vitest';
import {
  LatestEnvelopeSchema, LatestResponseSchema, MappingResponseSchema, TimeseriesResponseSchema, VolumesResponseSchema, WindowResponseSchema,
} from './schemas';

// Small hand-made bodies with the quirks the real API has (upstream-api.md).
const mapping = [
  // key order differs from item to item, and the bond has no alch values
  { members: false, name: 'Old school bond', examine: 'This bond can be redeemed for membership.', id: 13190, value: 2000000, icon: 'Old school bond.png', limit: 100 },
  { examine: 'A weapon from the Abyss.', id: 4151, members: true, lowalch: 48000, limit: 70, value: 120001, highalch: 72000, icon: 'Abyssal whip.png', name: 'Abyssal whip' },
  // only the five required fields
  { name: 'Aldarium', examine: 'A strange metal.', id: 29993, members: true, icon: 'Aldarium.png' },
];

describe('upstream schemas', () => {
  it('accepts a mapping whose items lack limit, value or alch values and list keys in any order', () => {
    const parsed = MappingResponseSchema.parse(mapping);
    expect(parsed.map((i) => i.id)).toEqual([13190, 4151, 29993]);
    expect(parsed[0]?.highalch).toBeUndefined();
    expect(parsed[2]?.limit).toBeUndefined();
    expect(parsed[2]?.value).toBeUndefined();
  });

  it('rejects a mapping item without a name or with a string id', () => {
    expect(MappingResponseSchema.safeParse([{ ...mapping[1], name: undefined }]).success).toBe(false);
    expect(MappingResponseSchema.safeParse([{ ...mapping[1], id: '4151' }]).success).toBe(false);
  });

  it('accepts latest prices with a null leg, an inverted spread and an id absent from the mapping', () => {
    const body = {
      data: {
        '2660': { high: 50000, highTime: 1618883126, low: null, lowTime: null },
        '4151': { high: 1700000, highTime: 1748242859, low: 1716616, lowTime: 1748242891 },
        '99999': { high: 5, highTime: 1748242000, low: 4, lowTime: 1748242000 },
      },
    };
    const parsed = LatestResponseSchema.parse(body);
    expect(parsed.data['2660']?.low).toBeNull();
    expect(parsed.data['4151']?.high).toBeLessThan(parsed.data['4151']?.low ?? 0);
    expect(Object.keys(parsed.data)).toContain('99999');
  });

  it('rejects latest prices with a price sent as a string, a fractional price or a non-numeric key', () => {
    const leg = { high: 1, highTime: 1, low: 1, lowTime: 1 };
    expect(LatestResponseSchema.safeParse({ data: { '2': { ...leg, high: '193' } } }).success).toBe(false);
    expect(LatestResponseSchema.safeParse({ data: { '2': { ...leg, low: 1.5 } } }).success).toBe(false);
    expect(LatestResponseSchema.safeParse({ data: { whip: leg } }).success).toBe(false);
    expect(LatestResponseSchema.safeParse({ prices: {} }).success).toBe(false);
  });

  it('takes a /latest envelope whose data is an object, and refuses one whose data is an array, null, a string or missing', () => {
    expect(LatestEnvelopeSchema.safeParse({ data: { '2': {} } }).success).toBe(true);
    for (const data of [[], null, 'x', undefined]) expect(LatestEnvelopeSchema.safeParse({ data }).success).toBe(false);
    expect(LatestEnvelopeSchema.safeParse([]).success).toBe(false);
  });

  it('accepts a window whose average is null where that side traded nothing', () => {
    const body = {
      timestamp: 1748239200,
      data: { '4151': { avgHighPrice: null, highPriceVolume: 0, avgLowPrice: 1690676, lowPriceVolume: 76 } },
    };
    expect(WindowResponseSchema.parse(body).data['4151']?.avgHighPrice).toBeNull();
  });

  it('rejects a window without its timestamp or with a negative volume', () => {
    const entry = { avgHighPrice: 1, highPriceVolume: 1, avgLowPrice: 1, lowPriceVolume: 1 };
    expect(WindowResponseSchema.safeParse({ data: { '2': entry } }).success).toBe(false);
    expect(WindowResponseSchema.safeParse({ timestamp: 1, data: { '2': { ...entry, lowPriceVolume: -1 } } }).success).toBe(false);
  });

  it('accepts a timeseries with one-sided buckets and rejects one without its item id', () => {
    const body = {
      itemId: 4151,
      data: [
        { timestamp: 1620700200, avgHighPrice: null, avgLowPrice: 2160000, highPriceVolume: 0, lowPriceVolume: 3 },
        { timestamp: 1620700800, avgHighPrice: 2170000, avgLowPrice: 2161000, highPriceVolume: 2, lowPriceVolume: 1 },
      ],
    };
    expect(TimeseriesResponseSchema.parse(body).data).toHaveLength(2);
    expect(TimeseriesResponseSchema.safeParse({ data: body.data }).success).toBe(false);
  });

  it('accepts the undocumented daily volumes', () => {
    expect(VolumesResponseSchema.parse({ timestamp: 1621416067, data: { '2': 32626232 } }).data['2']).toBe(32626232);
  });
});

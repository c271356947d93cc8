// Small hand-made wiki API bodies with the real data's quirks: a null leg, an inverted spread,
// an id in /latest that /mapping lacks, an item only in /mapping, a mapping item without alch
// values or limit, and windows with one-sided items.
import { startFakeUpstream, type FakeUpstream } from './fake-upstream';

/** The start of the current hour: recent enough for health and retention to treat it as now. */
export const T0 = Math.floor(Date.now() / 3_600_000) * 3600;

export const MAPPING = [
  { examine: 'A weapon from the Abyss.', id: 4151, members: true, lowalch: 48000, limit: 70, value: 120001, highalch: 72000, icon: 'Abyssal whip.png', name: 'Abyssal whip' },
  { examine: 'Ammo for the Dwarf Cannon.', id: 2, members: true, lowalch: 2, limit: 11000, value: 5, highalch: 3, icon: 'Cannonball.png', name: 'Cannonball' },
  { members: false, name: 'Old school bond', examine: 'This bond can be redeemed for membership.', id: 13190, value: 2000000, icon: 'Old school bond.png', limit: 100 },
  { examine: 'Used for alchemy spells.', id: 561, members: false, lowalch: 72, limit: 18000, value: 180, highalch: 108, icon: 'Nature rune.png', name: 'Nature rune' },
  { name: 'Aldarium', examine: 'A strange metal.', id: 29993, members: true, icon: 'Aldarium.png' },
];

/** The same mapping a day later: the cannonball renamed, Aldarium gone. */
export const MAPPING_RENAMED = MAPPING.filter((i) => i.id !== 29993).map((i) =>
  i.id === 2 ? { ...i, name: 'Steel cannonball', icon: 'Steel cannonball.png' } : i,
);

export const LATEST = {
  data: {
    '2': { high: 193, highTime: T0 - 83, low: 188, lowTime: T0 - 70 },
    '561': { high: 115, highTime: T0 - 82, low: 110, lowTime: T0 - 95 },
    '4151': { high: 1700000, highTime: T0 - 141, low: 1716616, lowTime: T0 - 109 }, // inverted
    '13190': { high: 13299048, highTime: T0 - 70, low: null, lowTime: null }, // never instant-sold
    '99999': { high: 5, highTime: T0 - 3600, low: 4, lowTime: T0 - 7200 }, // not in /mapping
  },
};

/** The next /latest: the whip and runes traded again, the bond left out, the rest unchanged. */
export const LATEST_NEXT = {
  data: {
    '2': LATEST.data['2'],
    '561': { high: 116, highTime: T0 + 10, low: 110, lowTime: T0 - 95 },
    '4151': { high: 1716000, highTime: T0 + 20, low: 1701000, lowTime: T0 + 25 },
    '99999': LATEST.data['99999'],
  },
};

export function hourWindow(timestamp: number, scale = 1) {
  return {
    timestamp,
    data: {
      '2': { avgHighPrice: 192, highPriceVolume: 1_134_749 * scale, avgLowPrice: 187, lowPriceVolume: 212_994 * scale },
      '4151': { avgHighPrice: 1718221, highPriceVolume: 42 * scale, avgLowPrice: 1690676, lowPriceVolume: 76 * scale },
      '13190': { avgHighPrice: 13290000, highPriceVolume: 30 * scale, avgLowPrice: null, lowPriceVolume: 0 },
    },
  };
}

export function fiveMinuteWindow(timestamp: number) {
  return {
    timestamp,
    data: {
      '2': { avgHighPrice: 193, highPriceVolume: 99794, avgLowPrice: 188, lowPriceVolume: 4715 },
      '4151': { avgHighPrice: null, highPriceVolume: 0, avgLowPrice: 1702055, lowPriceVolume: 3 },
    },
  };
}

/** A fake wiki answering /mapping and /latest with the fixtures above. */
export async function startFakeWiki(): Promise<FakeUpstream> {
  const fake = await startFakeUpstream();
  fake.setMapping(MAPPING);
  fake.setLatest(LATEST);
  return fake;
}

// A small catalogue with the real data's quirks: a tax-exempt item, an inverted pair of legs, a
// missing leg, an item never traded, stale legs, and an item that left /mapping.
import type { Db } from '../../server/store/db';
import { seedItems, seedLatest, seedVolumes } from './seed-store';

export const ID = {
  whip: 4151,
  nature: 561,
  bond: 13190,
  tentacle: 12006,
  plainWhip: 9001,
  whipSeed: 9002,
  bullwhip: 9003,
  retired: 9004,
} as const;

export async function seedCatalogue(db: Db, now = Math.floor(Date.now() / 1000)): Promise<void> {
  await seedItems(db, [
    { id: ID.whip, name: 'Abyssal whip', limit: 70, value: 120_001, lowalch: 48_000, highalch: 72_000 },
    { id: ID.nature, name: 'Nature rune', members: false, limit: 18_000, value: 180, lowalch: 72, highalch: 108 },
    { id: ID.bond, name: 'Old school bond', members: false, limit: 100, value: 2_000_000 },
    { id: ID.tentacle, name: 'Abyssal tentacle', limit: 70, highalch: 600_000 },
    { id: ID.plainWhip, name: 'Whip', limit: 10 },
    { id: ID.whipSeed, name: 'Whip seed', limit: null },
    { id: ID.bullwhip, name: 'Bullwhip', limit: 5 },
    { id: ID.retired, name: 'Retired whip', inMapping: false },
  ], now);
  await seedLatest(db, [
    { itemId: ID.whip, high: 1_716_616, highTime: now - 60, low: 1_700_000, lowTime: now - 30 },
    { itemId: ID.nature, high: 115, highTime: now - 10, low: 110, lowTime: now - 20 },
    { itemId: ID.bond, high: 13_299_048, highTime: now - 5, low: 13_000_000, lowTime: now - 300 },
    { itemId: ID.tentacle, high: 900_000, highTime: now - 100, low: 910_000, lowTime: now - 200 },
    { itemId: ID.plainWhip, high: 50_000, highTime: now - 40, low: null, lowTime: null },
    { itemId: ID.bullwhip, high: 1_000, highTime: now - 2 * 86_400, low: 900, lowTime: now - 3 * 86_400 },
    { itemId: ID.retired, high: 10, highTime: now - 10, low: 9, lowTime: now - 10 },
  ]);
  await seedVolumes(db, [
    { itemId: ID.whip, volume1h: 500, volume24h: 12_000 },
    { itemId: ID.nature, volume1h: 1_000_000, volume24h: null },
  ]);
}

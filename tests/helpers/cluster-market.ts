// Random /latest answers for the cluster tests, over the fixtures' catalogue, and what a client
// of each instance must end up holding: the store's newest state of every item in its filter.
import type { Db } from '../../server/store/db';
import { readLatestPrices } from '../../server/store/latest-query';
import type { ClientView } from './client-view';
import type { Random } from './seeded-random';
import { MAPPING, T0 } from './wiki-fixtures';

export const ITEM_IDS = MAPPING.map((item) => item.id);

/** A /latest body moving a random few of the catalogue's items. */
export function randomLatest(random: Random, previous: Record<string, unknown>, round: number): Record<string, unknown> {
  const data = { ...previous };
  for (const id of random.sample(ITEM_IDS, random.int(1, ITEM_IDS.length))) {
    const high = random.int(100, 2_000_000);
    data[String(id)] = { high, highTime: T0 + round, low: high - random.int(0, 99), lowTime: T0 + round };
  }
  return data;
}

/** A random filter: every item, or a few of them. */
export function randomFilter(random: Random): number[] | null {
  return random.chance(0.3) ? null : random.sample(ITEM_IDS, random.int(1, 3));
}

/** Items in the view that differ from the store's newest state (empty when they agree). */
export async function viewMismatches(db: Db, view: ClientView, filter: number[] | null): Promise<string[]> {
  const stored = (await readLatestPrices(db)).filter((p) => filter === null || filter.includes(p.itemId));
  const out: string[] = [];
  for (const price of stored) {
    const held = view.prices.get(price.itemId);
    if (held === undefined || held.seq !== price.seq || held.high !== price.high || held.low !== price.low) out.push(`${price.itemId}@${price.seq}`);
  }
  for (const id of view.prices.keys()) if (!stored.some((p) => p.itemId === id)) out.push(`extra ${id}`);
  return out;
}

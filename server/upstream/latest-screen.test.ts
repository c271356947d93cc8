import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../tests/helpers/seeded-random';
import { MAX_FUTURE_SECONDS, screenLatest, type RejectReason } from './latest-screen';
import { ItemIdKeySchema, LatestEntrySchema, type LatestEntry } from './schemas';

const NOW = 1_748_242_950;
const ODD_KEYS = ['02', '', 'whip', '2147483647', '2147483648', '99999999999', ' 2', '2\n', '1e3', '-2', '0x10', '٣'];
const ODD_VALUES: unknown[] = [
  null, undefined, 0, -0, 1, -1, 1.5, 2 ** 31 - 1, 2 ** 31, 2 ** 53, Number.NaN, Infinity, '193', true, {}, [],
  NOW, NOW + MAX_FUTURE_SECONDS, NOW + MAX_FUTURE_SECONDS + 1,
];

const pick = <T>(random: Random, values: readonly T[]): T => values[random.int(0, values.length - 1)] as T;

function oddEntry(random: Random): unknown {
  const roll = random.next();
  if (roll < 0.05) return pick(random, [null, [], 'x', 5, [1, 2, 3, 4]]);
  const entry: Record<string, unknown> = { high: 190, highTime: NOW - 60, low: 180, lowTime: NOW - 90 };
  for (const leg of ['high', 'highTime', 'low', 'lowTime']) if (random.chance(0.4)) entry[leg] = pick(random, ODD_VALUES);
  if (random.chance(0.1)) delete entry[pick(random, ['high', 'highTime', 'low', 'lowTime'])];
  if (random.chance(0.1)) entry.extra = 'ignored';
  return entry;
}

/** What zod alone makes of one entry: the rule the quick check must never change. */
function zodVerdict(key: string, entry: unknown): LatestEntry | RejectReason {
  if (!ItemIdKeySchema.safeParse(key).success) return 'id';
  const parsed = LatestEntrySchema.safeParse(entry);
  if (!parsed.success) return 'entry';
  const latest = NOW + MAX_FUTURE_SECONDS;
  return (parsed.data.highTime ?? 0) > latest || (parsed.data.lowTime ?? 0) > latest ? 'future' : parsed.data;
}

describe('the /latest screen', () => {
  it('takes, drops and counts exactly what zod alone would, whatever the entries hold', () => {
    const random = createRandom(5);
    for (let trial = 0; trial < 300; trial += 1) {
      // Mostly ordinary entries, as the real answer is, with a few odd ones among them.
      const raw: Record<string, unknown> = {};
      for (let i = 0; i < 60; i += 1) raw[String(2 + i * 7)] = { high: 100 + i, highTime: NOW - i, low: 90 + i, lowTime: i === 0 ? null : NOW - 2 * i };
      for (let i = 0; i < 5; i += 1) raw[random.chance(0.5) ? pick(random, ODD_KEYS) : String(random.int(1, 30_000))] = oddEntry(random);
      const expected: Record<string, LatestEntry> = {};
      const reasons: Array<{ key: string; reason: RejectReason }> = [];
      for (const [key, entry] of Object.entries(raw)) {
        const verdict = zodVerdict(key, entry);
        if (typeof verdict === 'string') reasons.push({ key, reason: verdict });
        else expected[key] = verdict;
      }
      const screened = screenLatest(raw, NOW);
      expect(screened.data).toEqual(expected);
      expect(screened.total).toBe(Object.keys(raw).length);
      expect(screened.rejected).toBe(reasons.length);
      expect(screened.examples).toEqual(reasons.slice(0, 5));
    }
  });

  it('keeps only the four legs of an entry, as the schema does', () => {
    const screened = screenLatest({ '4151': { high: 1, highTime: NOW, low: 2, lowTime: NOW, note: 'x' } }, NOW);
    expect(screened.data['4151']).toStrictEqual({ high: 1, highTime: NOW, low: 2, lowTime: NOW });
  });
});

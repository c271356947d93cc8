// /latest, entry by entry. One impossible entry (an id past the game's range, a negative or absurd
// price, a trade time far in the future) is dropped and counted, so it cannot freeze every other
// price; the answer as a whole is refused only when it is empty or when so many entries are bad
// that the API itself must have changed.
//
// Every entry is checked; zod decides each one the quick check below doubts. The quick check only
// ever says "zod would take this entry as it is" (a decimal id in range, four legs that are null or
// whole numbers in range, no time in the future): whatever it does not recognise, it hands to zod,
// so what is refused, why, and how it is counted stay zod's alone. On a real answer it recognises
// every entry, and the sync skips ~4,000 zod parses (a tenth of the time from answer to stream).
import { MAX_ITEM_ID } from '../../shared/protocol/item-id';
import { ITEM_ID_KEY_PATTERN, ItemIdKeySchema, LatestEntrySchema, MAX_GP, type LatestEntry } from './schemas';
import { UpstreamError } from './upstream-error';

/** More bad entries than this share means a changed schema, not a bad row: refuse the answer. */
export const MAX_REJECTED_SHARE = 0.1;
/** Trade times may run a little ahead of our clock (skew), never by more than this. */
export const MAX_FUTURE_SECONDS = 3600;

export type RejectReason = 'id' | 'entry' | 'future';

export interface ScreenedLatest {
  /** The possible entries, keyed by decimal item id as the wiki sends them. */
  data: Record<string, LatestEntry>;
  /** Entries in the answer. */
  total: number;
  /** Entries dropped. */
  rejected: number;
  /** A few dropped keys and why, for the log. */
  examples: Array<{ key: string; reason: RejectReason }>;
}

type Verdict = { reason: RejectReason; error?: unknown } | { entry: LatestEntry };

/** null, or a whole number from 0 to `max`: what the leg schemas take (zod's int is a safe integer). */
function isLeg(value: unknown, max: number): value is number | null {
  return value === null || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max);
}

/** The entry as zod would return it, when it is plainly one zod takes; undefined: ask zod. */
function quickEntry(key: string, entry: unknown, latestAllowed: number): LatestEntry | undefined {
  if (typeof entry !== 'object' || entry === null || !ITEM_ID_KEY_PATTERN.test(key) || Number(key) > MAX_ITEM_ID) return undefined;
  const { high, highTime, low, lowTime } = entry as Partial<Record<keyof LatestEntry, unknown>>;
  if (!isLeg(high, MAX_GP) || !isLeg(low, MAX_GP) || !isLeg(highTime, latestAllowed) || !isLeg(lowTime, latestAllowed)) return undefined;
  // A new object with the schema's keys only, as zod's parse strips any others.
  return { high, highTime, low, lowTime };
}

function verdictOn(key: string, entry: unknown, latestAllowed: number): Verdict {
  const id = ItemIdKeySchema.safeParse(key);
  if (!id.success) return { reason: 'id', error: id.error };
  const parsed = LatestEntrySchema.safeParse(entry);
  if (!parsed.success) return { reason: 'entry', error: parsed.error };
  const { highTime, lowTime } = parsed.data;
  if ((highTime ?? 0) > latestAllowed || (lowTime ?? 0) > latestAllowed) return { reason: 'future' };
  return { entry: parsed.data };
}

export function screenLatest(raw: Record<string, unknown>, nowSeconds: number): ScreenedLatest {
  const data: Record<string, LatestEntry> = {};
  const examples: ScreenedLatest['examples'] = [];
  let total = 0;
  let rejected = 0;
  let firstError: unknown;
  const latestAllowed = nowSeconds + MAX_FUTURE_SECONDS;
  for (const [key, entry] of Object.entries(raw)) {
    total += 1;
    const quick = quickEntry(key, entry, latestAllowed);
    if (quick !== undefined) {
      data[key] = quick;
      continue;
    }
    const verdict = verdictOn(key, entry, latestAllowed);
    if ('entry' in verdict) {
      data[key] = verdict.entry;
      continue;
    }
    rejected += 1;
    firstError ??= verdict.error;
    if (examples.length < 5) examples.push({ key: key.slice(0, 40), reason: verdict.reason });
  }
  if (total === 0) throw new UpstreamError('latest', 'invalid', 'the answer has no prices at all');
  if (rejected / total > MAX_REJECTED_SHARE) {
    const why = examples.map((e) => `${e.key}: ${e.reason}`).join(', ');
    throw new UpstreamError('latest', 'invalid', `body does not match the API schema: ${rejected} of ${total} entries are impossible (${why})`, { cause: firstError });
  }
  return { data, total, rejected, examples };
}

// One entry of the cluster's live log (a Redis Stream), as fields: `kind` (prices | history),
// `epoch`, and `data`, JSON of the commit with each change as a compact tuple and `sent`, the
// leader's clock when it announced the commit (just after it returned): the start of delivery. Entry ids are
// `<seq>-<n>`: the seq the commit reached, so ids keep rising across a Redis restart (seq lives
// in the store). Read back, the JSON is unknown until the schemas below parse it.
import { z } from 'zod';
import type { CommittedChanges, WindowCommitted } from '../change-feed';

const Leg = z.number().int().nullable();
const ChangeTuple = z.tuple([z.number().int(), Leg, Leg, Leg, Leg, z.number().int()]);
const PricesData = z.object({ from: z.number().int(), seq: z.number().int(), at: z.number(), sent: z.number().optional(), changes: z.array(ChangeTuple) });
const HistoryData = z.object({ timestep: z.enum(['5m', '1h']), timestamp: z.number().int(), items: z.number().int() });

export type LogEntry =
  | { kind: 'prices'; committed: CommittedChanges; fromSeq: number; /** Unix ms the leader announced it (its commit time when absent). */ sentAt: number }
  | { kind: 'history'; window: WindowCommitted };

export function encodePrices(committed: CommittedChanges, sentAt: number): string {
  const from = committed.changes[0]?.seq ?? committed.seq + 1;
  const changes = committed.changes.map((c) => [c.itemId, c.high, c.highTime, c.low, c.lowTime, c.seq]);
  return JSON.stringify({ from, seq: committed.seq, at: committed.committedAt, sent: sentAt, changes });
}

export function encodeHistory(window: WindowCommitted): string {
  return JSON.stringify(window);
}

/** An entry's fields as XREAD returns them ([name, value, name, value, …]); null if unreadable. */
export function decodeEntry(fields: readonly string[]): LogEntry | null {
  const get = (name: string): string | undefined => {
    for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
    return undefined;
  };
  const epoch = get('epoch');
  const raw = get('data');
  if (epoch === undefined || raw === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  if (get('kind') === 'history') {
    const window = HistoryData.safeParse(json);
    return window.success ? { kind: 'history', window: window.data } : null;
  }
  const prices = PricesData.safeParse(json);
  if (!prices.success) return null;
  const { from, seq, at, sent, changes } = prices.data;
  return {
    kind: 'prices',
    fromSeq: from,
    sentAt: sent ?? at,
    committed: {
      epoch, seq, committedAt: at,
      changes: changes.map(([itemId, high, highTime, low, lowTime, changeSeq]) => ({ itemId, high, highTime, low, lowTime, seq: changeSeq })),
    },
  };
}

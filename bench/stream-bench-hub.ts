// The fan-out benchmark's contract with the server process it forks, and the peers' shared parts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PriceUpdate } from '../shared/protocol/events';
import type { CommittedChanges } from '../server/change-feed';

export const HUBS = ['ours', 'naive', 'better-sse'] as const;
export type HubName = (typeof HUBS)[number];
export const ITEM_COUNT = 4300;
/** The listen backlog: thousands of clients connect at once. */
export const BACKLOG = 4096;

export interface ServerReady {
  port: number;
  epoch: string;
  seq: number;
}

export interface SyncResult {
  seq: number;
  /** performance.timeOrigin + performance.now() at the end of the commit (ms since the epoch). */
  committedAt: number;
  loopMs: number;
  /** Until the event loop turned once more: the corked writes handed to the kernel. */
  flushMs: number;
}

/** What the benchmark can ask the server process. */
export type ServerCalls = {
  rss(_: null): Promise<{ rss: number; clients: number }>;
  sync(payload: { itemIds: number[]; step: number }): Promise<SyncResult>;
  /** Every item's seq in the store: what each client must end up holding. */
  truth(_: null): Promise<Array<[number, number]>>;
};

/** A peer hub: the app's stream route hands it the raw request and response. */
export interface BenchHub {
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
  /** Hands one commit to every client; synchronous, so its duration is the write loop. */
  publish(committed: CommittedChanges): void;
  clients(): number;
}

/** A commit's updates by item, as plain objects (the peers serialise them their own way). */
export function updatesByItem(committed: CommittedChanges): Map<number, PriceUpdate> {
  const timestamp = new Date(committed.committedAt).toISOString();
  return new Map(committed.changes.map((c) => [c.itemId, {
    item_id: c.itemId, high: c.high, low: c.low, high_time: c.highTime, low_time: c.lowTime, timestamp, seq: c.seq,
  }]));
}

/**
 * The updates inside a filter, walking the filter's ids (10 here) rather than the sync's
 * changes: the peers get the same cheap selection as our hub, so the comparison is about
 * serialising and writing.
 */
export function selectUpdates(byItem: ReadonlyMap<number, PriceUpdate>, filter: ReadonlySet<number> | null): PriceUpdate[] {
  if (filter === null) return [...byItem.values()];
  const out: PriceUpdate[] = [];
  for (const id of filter) {
    const update = byItem.get(id);
    if (update !== undefined) out.push(update);
  }
  return out;
}

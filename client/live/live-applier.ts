// Applies what the stream says to IndexedDB, one message at a time and in order: each batch with
// its cursor in one transaction (per item, a seq not newer than the stored one is ignored, so a
// re-delivered or reordered batch changes nothing), and a full snapshot whenever the stored prices
// cannot be continued (a resync, another epoch, or nothing stored yet).
import type { Cursor } from '../../shared/domain/event-id';
import type { LatestPricesResponse } from '../../shared/protocol/api';
import type { SyncCompleteEvent } from '../../shared/protocol/events';
import { readMeta } from '../db/meta';
import { applyCompactBatch, applyLatest, applyPrices } from '../db/prices';
import { toPriceRecord, type PriceRecord } from '../db/records';
import type { GeDb } from '../db/schema';
import type { StreamMessage } from './stream-messages';

/** A price change that was newer than the device's copy, with the time the server committed it (ms). */
export interface LiveChange {
  record: PriceRecord;
  at: number;
}

export interface LiveApplierDeps {
  db: GeDb;
  /** GET /api/v1/prices/latest without `since`: every item, `full: true`. */
  fetchSnapshot(): Promise<LatestPricesResponse>;
  applied(changes: LiveChange[]): void;
  /** Every stored price was replaced: views must redraw from these. */
  replaced(records: PriceRecord[]): void;
  synced(event: SyncCompleteEvent): void;
  /** Applying failed (the snapshot could not be fetched, a write failed): the cursor did not move. */
  failed(error: unknown): void;
}

export interface LiveApplier {
  handle(message: StreamMessage): Promise<void>;
  /** Resolves when every message handed in so far has been applied (or has failed). */
  idle(): Promise<void>;
}

export function createLiveApplier(deps: LiveApplierDeps): LiveApplier {
  const { db } = deps;
  let queue: Promise<void> = Promise.resolve();
  let connectionEpoch: string | null = null;
  /** The snapshot taken on this connection: a resync it already satisfies is not fetched twice. */
  let snapshot: Cursor | null = null;
  /** After a failure the rest of that connection's messages are skipped: it reconnects and catches up. */
  let broken = false;

  async function resync(): Promise<void> {
    const answer = await deps.fetchSnapshot();
    const { full, records } = await applyLatest(db, answer);
    if (full) deps.replaced(records);
    else applyChanges(records, Date.now());
    snapshot = { epoch: answer.epoch, seq: answer.seq };
  }

  function applyChanges(records: PriceRecord[], at: number | Map<number, number>): void {
    if (records.length === 0) return;
    deps.applied(records.map((record) => ({ record, at: typeof at === 'number' ? at : (at.get(record.itemId) ?? Date.now()) })));
  }

  /** Same epoch as the stored cursor: the batch continues it. Otherwise only a snapshot will do. */
  async function continues(epoch: string): Promise<boolean> {
    const stored = await readMeta(db, 'cursor');
    return stored !== undefined && stored.epoch === epoch;
  }

  async function apply(message: StreamMessage): Promise<void> {
    if (broken && message.type !== 'connected') return;
    switch (message.type) {
      case 'connected': {
        connectionEpoch = message.event.epoch;
        snapshot = null;
        broken = false;
        if (!(await continues(message.event.epoch))) await resync();
        return;
      }
      case 'resync': {
        const { epoch, seq } = message.event;
        if (snapshot !== null && snapshot.epoch === epoch && snapshot.seq >= seq) return;
        await resync();
        return;
      }
      case 'prices': {
        const epoch = message.epoch ?? connectionEpoch;
        if (epoch === null || !(await continues(epoch))) return resync();
        const records = message.updates.map(toPriceRecord);
        const times = new Map(message.updates.map((u) => [u.item_id, Date.parse(u.timestamp)]));
        applyChanges(await applyPrices(db, records, { epoch, seq: message.seq }), times);
        return;
      }
      case 'compact': {
        if (!(await continues(message.epoch))) return resync();
        const cursor = { epoch: message.epoch, seq: message.seq };
        const at = message.batch.base * 1000;
        applyChanges(await applyCompactBatch(db, message.batch, cursor), at);
        // One compact event is the whole sync: it also says the sync is done.
        deps.synced({ timestamp: new Date(at).toISOString(), seq: message.seq, changed: message.batch.items.length });
        return;
      }
      case 'sync-complete': {
        const epoch = message.epoch ?? connectionEpoch;
        if (epoch !== null && (await continues(epoch))) await applyPrices(db, [], { epoch, seq: message.event.seq });
        deps.synced(message.event);
        return;
      }
      case 'heartbeat':
      case 'timeout':
      case 'history':
        return;
    }
  }

  return {
    handle(message) {
      const next = queue
        .then(() => apply(message))
        .catch((error: unknown) => {
          broken = true;
          deps.failed(error);
        });
      queue = next;
      return next;
    },
    idle: () => queue,
  };
}

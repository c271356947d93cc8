// One open stream. Writes go straight to the socket while it keeps up; once it backs up, nothing
// more is queued: the client keeps only the newest state per item and gets it as one batch on
// 'drain'. A client that stays backed up past a bound is cut; it reconnects and catches up.
import type { ServerResponse } from 'node:http';
import type { Cursor } from '../../shared/domain/event-id';
import { encodeUpdatesEvent } from './stream-payloads';

export interface ItemFilter {
  /** null: every item. */
  ids: ReadonlySet<number> | null;
  /** Sorted ids joined by commas ('' for every item): clients with equal keys share payloads. */
  key: string;
}

export interface SseClientOptions {
  id: string;
  ip: string;
  filter: ItemFilter;
  res: ServerResponse;
  maxBacklogBytes: number;
  maxBackedUpMs: number;
  /** Called once when the client should be dropped for staying backed up. */
  onStuck(client: SseClient, reason: 'bytes' | 'time'): void;
  /** Bytes written outside a broadcast (the flush of a backlog), by event type. */
  onFlushed(batchBytes: number, syncBytes: number): void;
}

/** A rough size of one pending update's JSON, to bound a backlog without serialising it. */
const PENDING_UPDATE_BYTES = 160;

export class SseClient {
  readonly id: string;
  readonly ip: string;
  readonly filter: ItemFilter;
  readonly res: ServerResponse;
  private backedUp = false;
  private stuckTimer: NodeJS.Timeout | undefined;
  private endTimer: NodeJS.Timeout | undefined;
  private pending = new Map<number, string>();
  private pendingCursor: Cursor | undefined;
  private pendingSync = '';

  constructor(private readonly options: SseClientOptions) {
    this.id = options.id;
    this.ip = options.ip;
    this.filter = options.filter;
    this.res = options.res;
    this.res.on('drain', () => this.flush());
  }

  get open(): boolean {
    return !this.res.destroyed && !this.res.writableEnded;
  }

  /** Writes a chunk unless the socket is backed up (then the chunk is dropped: heartbeats). */
  writeIfIdle(chunk: string): boolean {
    if (this.backedUp || !this.open) return false;
    this.write(chunk);
    return true;
  }

  /**
   * Delivers one sync: `chunk` is the encoded events; `updates` the same updates by item, kept
   * instead of the chunk when the socket is backed up. Returns whether the chunk was written.
   */
  deliver(chunk: string, updates: ReadonlyArray<readonly [number, string]>, cursor: Cursor, syncEvent: string): boolean {
    if (!this.open) return false;
    if (!this.backedUp) {
      this.write(chunk);
      return true;
    }
    for (const [itemId, json] of updates) this.pending.set(itemId, json);
    this.pendingCursor = cursor;
    this.pendingSync = syncEvent;
    const backlog = this.res.writableLength + this.pending.size * PENDING_UPDATE_BYTES;
    if (backlog > this.options.maxBacklogBytes) this.options.onStuck(this, 'bytes');
    return false;
  }

  /** The stream's first bytes (retry, connected, catch-up), written while nothing is pending. */
  begin(chunk: string): void {
    this.write(chunk);
  }

  /** Drops whatever is pending (it belongs to a history the client must forget) and writes `chunk`. */
  restart(chunk: string): void {
    this.pending = new Map();
    this.pendingCursor = undefined;
    this.pendingSync = '';
    if (!this.open) return;
    // Queued even when backed up: it is small, and the stuck timer still bounds the wait.
    if (this.backedUp) this.res.write(chunk);
    else this.write(chunk);
  }

  /** Ends the stream at `ms` from now with `goodbye` (the hub adds jitter). */
  endAfter(ms: number, goodbye: () => string): void {
    this.endTimer = setTimeout(() => this.end(goodbye()), ms);
    this.endTimer.unref();
  }

  end(lastChunk: string): void {
    this.clearTimers();
    if (!this.open) return;
    this.res.end(lastChunk);
  }

  destroy(): void {
    this.clearTimers();
    this.res.destroy();
  }

  clearTimers(): void {
    clearTimeout(this.stuckTimer);
    clearTimeout(this.endTimer);
  }

  private write(chunk: string): void {
    if (this.res.write(chunk)) return;
    this.backedUp = true;
    this.stuckTimer = setTimeout(() => this.options.onStuck(this, 'time'), this.options.maxBackedUpMs);
    this.stuckTimer.unref();
  }

  private flush(): void {
    if (!this.backedUp) return;
    this.backedUp = false;
    clearTimeout(this.stuckTimer);
    const cursor = this.pendingCursor;
    if (cursor === undefined || !this.open) return;
    const updates = [...this.pending.values()];
    const batch = updates.length > 0 ? encodeUpdatesEvent(cursor, updates) : '';
    const sync = this.pendingSync;
    this.pending = new Map();
    this.pendingCursor = undefined;
    this.pendingSync = '';
    this.options.onFlushed(batch.length, sync.length);
    this.write(batch + sync);
  }
}

// One open stream. Writes go straight to the socket while it keeps up; once it backs up, nothing
// more is queued: the client keeps only the newest state per item and gets it as one batch on
// 'drain'. A client that stays backed up past a bound is cut; it reconnects and catches up.
// An idle client holds no timer, no map and no closure of its own beyond its 'close' listener:
// thousands of them stay cheap.
import type { ServerResponse } from 'node:http';
import type { Cursor } from '../../shared/domain/event-id';
import { encodeUpdatesEvent, updatesEventName } from './stream-payloads';
import { COMPACT_FORMAT, type PriceFormat } from '../../shared/protocol/compact-prices';
import type { StreamEventName } from '../../shared/protocol/events';
import { addPiece, gzipEnd, gzipPiece, GZIP_HEADER, type GzipTally, type SharedPayload } from './gzip-wire';

/** What a client writes: its own text, or a payload many clients share (compressed once for all). */
export type Chunk = string | SharedPayload;

export interface ItemFilter {
  /** null: every item. */
  ids: ReadonlySet<number> | null;
  /** Sorted ids joined by commas ('' for every item): clients with equal keys share payloads. */
  key: string;
}

/** What a client reports to, shared by all clients of a hub. */
export interface ClientOwner {
  readonly maxBacklogBytes: number;
  readonly maxBackedUpMs: number;
  /** The client stayed backed up past a bound and should be dropped. */
  stuck(client: SseClient, reason: 'bytes' | 'time'): void;
  /** A backlog was flushed outside a broadcast as one event of `type` in `bytes`. */
  flushed(type: StreamEventName, bytes: number): void;
  /** The compact event bringing a client of `filter` from `since` to the current cursor. */
  compactSince(since: number, filter: ItemFilter): string;
  /** Bytes handed to the sockets, as they cross the wire (after compression), by encoding. */
  readonly wire: WireTally;
}

/** Running byte totals, one plain number each: added to on every write, read when /metrics is scraped. */
export interface WireTally {
  gzip: number;
  identity: number;
}

/** A rough size of one pending update's JSON, to bound a backlog without serialising it. */
const PENDING_UPDATE_BYTES = 160;

function ignoreError(): void {
  // A write racing a closing socket; 'close' follows and unregisters the client.
}

export class SseClient {
  private backedUp = false;
  private stuckTimer: NodeJS.Timeout | undefined;
  private pending: Map<number, string> | undefined;
  private pendingCursor: Cursor | undefined;
  private pendingSync = '';
  /** Compact format, backed up: the seq it last had a batch for; on drain it gets one catch-up from there. */
  private pendingSince: number | undefined;
  /** A gzip stream: the CRC and length of what it was sent so far, for its trailer. */
  private readonly gzip: GzipTally | undefined;

  constructor(
    readonly id: string,
    readonly ip: string,
    readonly filter: ItemFilter,
    readonly format: PriceFormat,
    readonly res: ServerResponse,
    /** Date.now() after which the hub ends the stream with a timeout event. */
    readonly deadline: number,
    private readonly owner: ClientOwner,
    gzip = false,
  ) {
    res.on('error', ignoreError);
    this.gzip = gzip ? { crc: 0, length: 0 } : undefined;
  }

  get open(): boolean {
    return !this.res.destroyed && !this.res.writableEnded;
  }

  /**
   * The stream's first bytes. Written as separate chunks (one syscall all the same: the response
   * is corked until the next tick), so a catch-up shared by many clients is never copied into a
   * per-client string.
   */
  begin(chunks: readonly Chunk[]): void {
    if (this.gzip) this.push(GZIP_HEADER);
    for (const chunk of chunks) this.write(chunk);
  }

  /** Writes a chunk unless the socket is backed up (then the chunk is dropped: heartbeats). */
  writeIfIdle(chunk: Chunk): boolean {
    if (this.backedUp || !this.open) return false;
    this.write(chunk);
    return true;
  }

  /**
   * Delivers one sync: `chunk` is the encoded events; `updates` the same updates by item, kept
   * instead of the chunk when the socket is backed up. Returns whether the chunk was written.
   */
  deliver(chunk: Chunk, updates: ReadonlyArray<readonly [number, string]>, cursor: Cursor, syncEvent: string): boolean {
    if (!this.open) return false;
    if (!this.backedUp) {
      this.write(chunk);
      return true;
    }
    const pending = (this.pending ??= new Map());
    for (const [itemId, json] of updates) pending.set(itemId, json);
    this.pendingCursor = cursor;
    this.pendingSync = syncEvent;
    const backlog = this.res.writableLength + pending.size * PENDING_UPDATE_BYTES;
    if (backlog > this.owner.maxBacklogBytes) this.owner.stuck(this, 'bytes');
    return false;
  }

  /**
   * Delivers one sync in the compact format: `chunk` brings the client from seq `from` to the new
   * cursor. While backed up only `from` of the first missed sync is kept: the pending state is then
   * rebuilt from the price index on drain, with every leg changed meanwhile.
   */
  deliverCompact(chunk: Chunk, from: number): boolean {
    if (!this.open) return false;
    if (!this.backedUp) {
      this.write(chunk);
      return true;
    }
    this.pendingSince ??= from;
    return false;
  }

  /**
   * Writes a small event that must reach the client even while it is backed up (it could not be
   * rebuilt from the pending state on drain); the stuck bounds still cut a client that never drains.
   */
  send(chunk: Chunk): boolean {
    if (!this.open) return false;
    this.write(chunk);
    return true;
  }

  /** Drops whatever is pending (it belongs to a history the client must forget) and writes `chunk`. */
  restart(chunk: Chunk): void {
    this.pending = undefined;
    this.pendingCursor = undefined;
    this.pendingSync = '';
    this.pendingSince = undefined;
    // Queued even when backed up: it is small, and the stuck timer still bounds the wait.
    this.send(chunk);
  }

  /** Writes `lastChunk` and ends the stream; a gzip stream with its final block and trailer. */
  end(lastChunk: Chunk): void {
    this.clearTimers();
    if (!this.open) return;
    if (this.gzip === undefined) {
      const last = typeof lastChunk === 'string' ? lastChunk : lastChunk.bytes();
      this.owner.wire.identity += typeof last === 'string' ? Buffer.byteLength(last) : last.length;
      this.res.end(last);
      return;
    }
    this.write(lastChunk);
    const trailer = gzipEnd(this.gzip);
    this.owner.wire.gzip += trailer.length;
    this.res.end(trailer);
  }

  destroy(): void {
    this.clearTimers();
    this.res.destroy();
  }

  clearTimers(): void {
    clearTimeout(this.stuckTimer);
  }

  private write(chunk: Chunk): void {
    if (this.gzip === undefined) return this.push(typeof chunk === 'string' ? chunk : chunk.bytes());
    const piece = typeof chunk === 'string' ? gzipPiece(chunk) : chunk.gzip();
    addPiece(this.gzip, piece);
    this.push(piece.bytes);
  }

  private push(data: string | Buffer): void {
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    if (this.gzip === undefined) this.owner.wire.identity += bytes;
    else this.owner.wire.gzip += bytes;
    if (this.res.write(data) || this.backedUp) return;
    this.backedUp = true;
    this.res.once('drain', () => this.flush());
    this.stuckTimer = setTimeout(() => this.owner.stuck(this, 'time'), this.owner.maxBackedUpMs);
    this.stuckTimer.unref();
  }

  private flush(): void {
    this.backedUp = false;
    clearTimeout(this.stuckTimer);
    const cursor = this.pendingCursor;
    const updates = [...(this.pending?.values() ?? [])];
    const sync = this.pendingSync;
    this.pending = undefined;
    this.pendingCursor = undefined;
    this.pendingSync = '';
    const since = this.pendingSince;
    this.pendingSince = undefined;
    if (since !== undefined && this.open) {
      const compact = this.owner.compactSince(since, this.filter);
      this.owner.flushed(COMPACT_FORMAT, compact.length);
      this.write(compact);
      return;
    }
    if (cursor === undefined || !this.open) return;
    const batch = updates.length > 0 ? encodeUpdatesEvent(cursor, updates) : '';
    if (batch !== '') this.owner.flushed(updatesEventName(updates.length), batch.length);
    if (sync !== '') this.owner.flushed('sync-complete', sync.length);
    this.write(batch + sync);
  }
}

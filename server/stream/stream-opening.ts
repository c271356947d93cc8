// The first bytes of a stream: the response head, the reconnection delay, `connected`, and either
// the client's catch-up or a resync when its resume id can't be honoured exactly.
import type { ServerResponse } from 'node:http';
import { parseEventId, type Cursor } from '../../shared/domain/event-id';
import type { ResyncEvent } from '../../shared/protocol/events';
import type { Chunk, ItemFilter } from './sse-client';
import type { PriceFormat } from '../../shared/protocol/compact-prices';
import { encodeRetry } from './sse-encode';
import { encodeConnected, encodeResync } from './stream-payloads';

export const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform: a proxy must not compress or rewrite the stream (it would buffer it).
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  // nginx: pass each event through at once instead of buffering the response.
  'X-Accel-Buffering': 'no',
} as const;

/** The stream's headers; `gzip` when the client accepts it (each event is flushed compressed, never buffered). */
export function streamHeaders(gzip: boolean): Record<string, string> {
  return gzip ? { ...STREAM_HEADERS, 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : { ...STREAM_HEADERS, Vary: 'Accept-Encoding' };
}

export function writeStreamHead(res: ServerResponse, gzip = false): void {
  res.writeHead(200, streamHeaders(gzip));
  res.socket?.setNoDelay(true);
}

export interface Opening {
  /** Written in order; the catch-up, when there is one, is its own chunk (it may be shared). */
  chunks: Chunk[];
  /** Set when the client asked to resume. */
  catchup?: 'exact' | 'resync';
}

export function firstChunk(input: {
  clientId: string;
  /** Unix milliseconds: the `connected` event's server time. */
  now: number;
  retryMs: number;
  cursor: Cursor;
  /** The catch-up, as a payload gzip streams can share. */
  catchUp: (since: number, filter: ItemFilter, format: PriceFormat) => Chunk;
  filter: ItemFilter;
  format: PriceFormat;
  resumeId: string | undefined;
}): Opening {
  const { cursor, filter, resumeId } = input;
  const head = encodeRetry(input.retryMs) + encodeConnected(input.clientId, cursor, new Date(input.now));
  if (resumeId === undefined || resumeId === '') return { chunks: [head] };
  const from = parseEventId(resumeId);
  const reason = resyncReason(from, cursor);
  if (reason !== null || from === null) {
    return { chunks: [head + encodeResync(reason ?? 'malformed-id', cursor)], catchup: 'resync' };
  }
  const since = from.seq;
  if (since === cursor.seq) return { chunks: [head], catchup: 'exact' };
  // Even an empty catch-up is sent: its id moves the client's cursor to now.
  return { chunks: [head, input.catchUp(since, filter, input.format)], catchup: 'exact' };
}

function resyncReason(from: Cursor | null, now: Cursor): ResyncEvent['reason'] | null {
  if (from === null) return 'malformed-id';
  if (from.epoch !== now.epoch) return 'epoch-mismatch';
  if (from.seq > now.seq) return 'ahead-of-server';
  return null;
}

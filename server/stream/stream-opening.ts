// The first bytes of a stream: the response head, the reconnection delay, `connected`, and either
// the client's catch-up or a resync when its resume id can't be honoured exactly.
import type { ServerResponse } from 'node:http';
import { parseEventId, type Cursor } from '../../shared/domain/event-id';
import type { ResyncEvent } from '../../shared/protocol/events';
import type { CatchUp } from './catch-up';
import type { ItemFilter } from './sse-client';
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

export function writeStreamHead(res: ServerResponse): void {
  res.writeHead(200, STREAM_HEADERS);
  res.socket?.setNoDelay(true);
}

export interface Opening {
  /** Written in order; the catch-up, when there is one, is its own chunk (it may be shared). */
  chunks: string[];
  /** Set when the client asked to resume. */
  catchup?: 'exact' | 'resync';
}

export function firstChunk(input: {
  clientId: string;
  /** Unix milliseconds: the `connected` event's server time. */
  now: number;
  retryMs: number;
  cursor: Cursor;
  catchUp: CatchUp;
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

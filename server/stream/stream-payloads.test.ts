import { describe, expect, it } from 'vitest';
import {
  ConnectedEventSchema, HistoryEventSchema, PriceBatchEventSchema, PriceUpdateSchema, ResyncEventSchema, SyncCompleteEventSchema,
} from '../../shared/protocol/events';
import { createSseParser, type SseMessage } from '../../tests/helpers/sse-parse';
import { encodeComment, encodeEvent, encodeRetry } from './sse-encode';
import {
  encodeConnected, encodeHistory, encodeResync, encodeSyncComplete, encodeUpdateJson, encodeUpdatesEvent,
} from './stream-payloads';

function parse(wire: string): SseMessage[] {
  const out: SseMessage[] = [];
  createSseParser((m) => out.push(m)).push(wire);
  return out;
}

const change = { itemId: 4151, high: 1_716_616, highTime: 1_748_242_859, low: 1_700_000, lowTime: 1_748_242_891, seq: 42 };
const at = '2025-05-26T07:03:12.000Z';
const cursor = { epoch: 'abcDEF_-12', seq: 50 };

describe('stream payloads', () => {
  it('encode a batch that parses with the contract and carries the cursor as its id', () => {
    const other = { ...change, itemId: 2, high: null, highTime: null, seq: 43 };
    const [event] = parse(encodeUpdatesEvent(cursor, [encodeUpdateJson(change, at), encodeUpdateJson(other, at)]));
    expect(event?.event).toBe('price-batch');
    expect(event?.id).toBe('abcDEF_-12.50');
    const batch = PriceBatchEventSchema.parse(JSON.parse(event?.data ?? ''));
    expect(batch.seq).toBe(50);
    expect(batch.updates.map((u) => [u.item_id, u.high, u.seq])).toEqual([[4151, 1_716_616, 42], [2, null, 43]]);
  });

  it('send a single update under the original price-update name', () => {
    const [event] = parse(encodeUpdatesEvent(cursor, [encodeUpdateJson(change, at)]));
    expect(event?.event).toBe('price-update');
    expect(event?.id).toBe('abcDEF_-12.50');
    expect(PriceUpdateSchema.parse(JSON.parse(event?.data ?? ''))).toEqual({
      item_id: 4151, high: 1_716_616, low: 1_700_000, high_time: 1_748_242_859, low_time: 1_748_242_891, timestamp: at, seq: 42,
    });
  });

  it('encode an empty catch-up as a batch with no updates', () => {
    const [event] = parse(encodeUpdatesEvent(cursor, []));
    expect(PriceBatchEventSchema.parse(JSON.parse(event?.data ?? ''))).toEqual({ seq: 50, updates: [] });
  });

  it('give sync-complete the cursor id, and connected and resync none', () => {
    const events = parse(
      encodeSyncComplete(cursor, at, 3) + encodeConnected('c1', cursor, new Date(at)) + encodeResync('epoch-mismatch', cursor),
    );
    expect(events.map((e) => [e.event, e.id])).toEqual([
      ['sync-complete', 'abcDEF_-12.50'], ['connected', undefined], ['resync', undefined],
    ]);
    expect(SyncCompleteEventSchema.parse(JSON.parse(events[0]?.data ?? ''))).toEqual({ timestamp: at, seq: 50, changed: 3 });
    expect(ConnectedEventSchema.parse(JSON.parse(events[1]?.data ?? '')).client_id).toBe('c1');
    expect(ResyncEventSchema.parse(JSON.parse(events[2]?.data ?? '')).reason).toBe('epoch-mismatch');
  });

  it('encode a history window without an id, so it never moves a client’s cursor', () => {
    const [event] = parse(encodeHistory('1h', 1_748_239_200));
    expect([event?.event, event?.id]).toEqual(['history', undefined]);
    expect(HistoryEventSchema.parse(JSON.parse(event?.data ?? ''))).toEqual({ timestep: '1h', timestamp: 1_748_239_200 });
  });

  it('keep a retry field and a comment on lines of their own', () => {
    const wire = encodeRetry(2500.4) + encodeComment('line one\nline two') + encodeEvent('heartbeat', '{"ts":1}');
    expect(wire).toBe('retry: 2500\n\n: line one line two\n\nevent: heartbeat\ndata: {"ts":1}\n\n');
    const parser = createSseParser(() => {});
    parser.push(wire);
    expect(parser.retry()).toBe(2500);
  });
});

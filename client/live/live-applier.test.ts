import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { LatestPricesResponse } from '../../shared/protocol/api';
import type { StreamEventName } from '../../shared/protocol/events';
import { readMeta } from '../db/meta';
import { applyPrices, listPrices } from '../db/prices';
import type { GeDb } from '../db/schema';
import { openTestDb } from '../db/test-db';
import { createLiveApplier, type LiveChange } from './live-applier';
import { parseStreamMessage, type StreamMessage } from './stream-messages';

const AT = '2025-05-26T07:00:00.000Z';

function message(name: StreamEventName, body: unknown, id = ''): StreamMessage {
  const parsed = parseStreamMessage(name, JSON.stringify(body), id);
  if (!parsed) throw new Error(`bad test event ${name}`);
  return parsed;
}

const update = (itemId: number, seq: number, high: number) => ({ item_id: itemId, high, low: high - 5, high_time: 1_748_242_000, low_time: 1_748_242_000, timestamp: AT, seq });
const connected = (epoch: string, seq: number) => message('connected', { client_id: 'c', timestamp: AT, epoch, seq });
const batch = (epoch: string, seq: number, updates: unknown[]) => message('price-batch', { seq, updates }, `${epoch}.${seq}`);

function snapshot(epoch: string, seq: number, prices: Record<number, number>): LatestPricesResponse {
  const entries = Object.entries(prices).map(([id, high]) => [id, { high, highTime: 1, low: high - 5, lowTime: 1, seq }]);
  return { epoch, seq, full: true, prices: Object.fromEntries(entries) };
}

function setup(db: GeDb, server: () => LatestPricesResponse | Error) {
  const seen = { applied: [] as LiveChange[], replaced: 0, synced: [] as number[], failed: 0, fetches: 0 };
  const applier = createLiveApplier({
    db,
    async fetchSnapshot() {
      seen.fetches += 1;
      const answer = server();
      if (answer instanceof Error) throw answer;
      return answer;
    },
    applied: (changes) => seen.applied.push(...changes),
    replaced: () => (seen.replaced += 1),
    synced: (event) => seen.synced.push(event.seq),
    failed: () => (seen.failed += 1),
  });
  return { applier, seen };
}

async function highs(db: GeDb) {
  return Object.fromEntries((await listPrices(db)).map((p) => [p.itemId, p.high]));
}

describe('applying the live stream to the device', () => {
  it('applies a batch once: a re-delivered or older change is ignored and not shown again', async () => {
    const db = await openTestDb();
    await applyPrices(db, [], { epoch: 'e1', seq: 10 });
    const { applier, seen } = setup(db, () => new Error('no snapshot expected'));
    await applier.handle(connected('e1', 12));
    await applier.handle(batch('e1', 12, [update(2, 11, 200), update(4151, 12, 1_700_000)]));
    await applier.handle(batch('e1', 12, [update(2, 11, 200), update(4151, 12, 1_700_000)]));
    await applier.handle(message('price-update', update(2, 9, 150), 'e1.9'));
    expect(seen.applied.map((c) => [c.record.itemId, c.record.seq])).toEqual([[2, 11], [4151, 12]]);
    expect(seen.applied[0]?.at).toBe(Date.parse(AT));
    expect(await highs(db)).toEqual({ 2: 200, 4151: 1_700_000 });
    expect(await readMeta(db, 'cursor')).toEqual({ epoch: 'e1', seq: 12 });
    expect(seen.fetches).toBe(0);
    db.close();
  });

  it('keeps the newest state when updates arrive out of order across batches', async () => {
    const db = await openTestDb();
    await applyPrices(db, [], { epoch: 'e1', seq: 0 });
    const { applier } = setup(db, () => new Error('no snapshot expected'));
    await applier.handle(connected('e1', 0));
    await applier.handle(batch('e1', 30, [update(2, 30, 300), update(561, 25, 5)]));
    await applier.handle(batch('e1', 20, [update(2, 20, 250), update(561, 20, 4), update(13190, 20, 13_000_000)]));
    expect(await highs(db)).toEqual({ 2: 300, 561: 5, 13190: 13_000_000 });
    expect(await readMeta(db, 'cursor')).toEqual({ epoch: 'e1', seq: 30 });
    db.close();
  });

  it('downloads a full snapshot when nothing is stored yet', async () => {
    const db = await openTestDb();
    const { applier, seen } = setup(db, () => snapshot('e1', 40, { 2: 210, 561: 6 }));
    await applier.handle(connected('e1', 40));
    expect(await highs(db)).toEqual({ 2: 210, 561: 6 });
    expect(await readMeta(db, 'cursor')).toEqual({ epoch: 'e1', seq: 40 });
    expect(seen.replaced).toBe(1);
    db.close();
  });

  it('replaces every price of an old epoch once, dropping items the new store lacks', async () => {
    const db = await openTestDb();
    await applyPrices(db, [update(2, 90, 999), update(4151, 95, 1)].map((u) => ({ itemId: u.item_id, high: u.high, low: u.low, highTime: 1, lowTime: 1, seq: u.seq })), { epoch: 'old', seq: 95 });
    const { applier, seen } = setup(db, () => snapshot('new', 3, { 2: 190 }));
    await applier.handle(connected('new', 3));
    await applier.handle(message('resync', { reason: 'epoch-mismatch', epoch: 'new', seq: 3 }));
    await applier.handle(batch('new', 4, [update(2, 4, 195)]));
    expect(await highs(db)).toEqual({ 2: 195 });
    expect(await readMeta(db, 'cursor')).toEqual({ epoch: 'new', seq: 4 });
    expect(seen.fetches).toBe(1);
    db.close();
  });

  it('refetches everything when the server says the stored cursor is ahead of it', async () => {
    const db = await openTestDb();
    await applyPrices(db, [{ itemId: 2, high: 1, low: 1, highTime: 1, lowTime: 1, seq: 500 }], { epoch: 'e1', seq: 500 });
    const { applier, seen } = setup(db, () => snapshot('e1', 50, { 2: 220 }));
    await applier.handle(connected('e1', 50));
    await applier.handle(message('resync', { reason: 'ahead-of-server', epoch: 'e1', seq: 50 }));
    await applier.handle(batch('e1', 51, [update(2, 51, 230)]));
    expect(seen.fetches).toBe(1);
    expect(await highs(db)).toEqual({ 2: 230 });
    expect(await readMeta(db, 'cursor')).toEqual({ epoch: 'e1', seq: 51 });
    db.close();
  });

  it('moves the cursor on sync-complete only after the batch before it is stored', async () => {
    const db = await openTestDb();
    await applyPrices(db, [], { epoch: 'e1', seq: 5 });
    const { applier, seen } = setup(db, () => new Error('no snapshot expected'));
    void applier.handle(connected('e1', 5));
    void applier.handle(batch('e1', 7, [update(2, 6, 1), update(561, 7, 2)]));
    void applier.handle(message('sync-complete', { timestamp: AT, seq: 8, changed: 0 }, 'e1.8'));
    await applier.idle();
    expect(seen.synced).toEqual([8]);
    expect(seen.applied).toHaveLength(2);
    expect(await readMeta(db, 'cursor')).toEqual({ epoch: 'e1', seq: 8 });
    db.close();
  });

  it('stops applying a connection whose snapshot failed, until the next connection', async () => {
    const db = await openTestDb();
    let online = false;
    const { applier, seen } = setup(db, () => (online ? snapshot('e2', 9, { 2: 5 }) : new Error('offline')));
    await applier.handle(connected('e2', 9));
    await applier.handle(batch('e2', 10, [update(2, 10, 6)]));
    expect(seen.failed).toBe(1);
    expect(seen.fetches).toBe(1);
    expect(await readMeta(db, 'cursor')).toBeUndefined();
    online = true;
    await applier.handle(connected('e2', 10));
    expect(await highs(db)).toEqual({ 2: 5 });
    db.close();
  });
});

describe('reading stream events', () => {
  it('drops events that break the contract instead of applying part of them', () => {
    expect(parseStreamMessage('price-batch', '{"seq":1,"updates":[{"item_id":"2"}]}', 'e.1')).toBeNull();
    expect(parseStreamMessage('connected', 'not json', '')).toBeNull();
    expect(parseStreamMessage('price-update', JSON.stringify(update(2, 3, 4)), 'garbage')).toMatchObject({ seq: 3, epoch: null });
  });
});

describe('applying the compact stream (p1) to the device', () => {
  const p1 = (epoch: string, seq: number, data: string): StreamMessage => {
    const parsed = parseStreamMessage('p1', data, `${epoch}.${seq}`);
    if (!parsed) throw new Error('bad test p1 event');
    return parsed;
  };

  it('lays each batch\'s changed legs over the stored price, moves the cursor and says the sync is done', async () => {
    const db = await openTestDb();
    const { applier, seen } = setup(db, () => snapshot('e1', 10, { 2: 100, 6: 500 }));
    await applier.handle(connected('e1', 10));
    // base 2000: item 2's low becomes 96 at 1990; item 6's high becomes null; item 8 is new (high only).
    await applier.handle(p1('e1', 12, '[2000,21,96,10,38,25,7,5]'));
    const held = Object.fromEntries((await listPrices(db)).map(({ itemId, ...rest }) => [itemId, rest]));
    expect(held).toEqual({
      2: { high: 100, highTime: 1, low: 96, lowTime: 1990, seq: 12 },
      6: { high: null, highTime: null, low: 495, lowTime: 1, seq: 12 },
      8: { high: 7, highTime: 1995, low: null, lowTime: null, seq: 12 },
    });
    expect(await readMeta(db, 'cursor')).toEqual({ epoch: 'e1', seq: 12 });
    expect(seen.synced).toEqual([12]);
    expect(seen.applied.map((c) => [c.record.itemId, c.at])).toEqual([[2, 2_000_000], [6, 2_000_000], [8, 2_000_000]]);
  });

  it('ignores a batch it already holds, and resyncs for a batch of another epoch instead of patching over it', async () => {
    const db = await openTestDb();
    let epoch = 'e1';
    const { applier, seen } = setup(db, () => snapshot(epoch, 10, { 2: 100 }));
    await applier.handle(connected('e1', 10));
    await applier.handle(p1('e1', 12, '[2000,21,96,10]'));
    await applier.handle(p1('e1', 12, '[2000,21,50,10]'));
    expect((await listPrices(db))[0]?.low).toBe(96);
    epoch = 'e2';
    await applier.handle(p1('e2', 3, '[2000,21,50,10]'));
    expect(seen.fetches).toBe(2);
    expect(await readMeta(db, 'cursor')).toEqual({ epoch: 'e2', seq: 10 });
    expect((await listPrices(db))[0]?.low).toBe(95);
  });

  it('drops a p1 event that does not decode or carries no id', () => {
    expect(parseStreamMessage('p1', '[2000,9]', 'e1.3')).toBeNull();
    expect(parseStreamMessage('p1', '[2000,21,96,10]', '')).toBeNull();
  });
});

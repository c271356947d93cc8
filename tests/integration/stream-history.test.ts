import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncService } from '../../server/sync/sync-service';
import { HistoryEventSchema, type HistoryEvent } from '../../shared/protocol/events';
import { HistoryResponseSchema } from '../../shared/protocol/api';
import { addItems, applyChanges, priceMove } from '../helpers/apply-changes';
import type { FakeUpstream } from '../helpers/fake-upstream';
import type { SseMessage } from '../helpers/sse-parse';
import { openRawStream, type RawStream } from '../helpers/sse-reader';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';
import { fiveMinuteWindow, hourWindow, startFakeWiki, T0 } from '../helpers/wiki-fixtures';

const HOUR = 3600;
let fake: FakeUpstream;
let server: StreamServer | undefined;
let sync: SyncService | undefined;
const open: RawStream[] = [];

beforeEach(async () => {
  fake = await startFakeWiki();
});
afterEach(async () => {
  for (const stream of open.splice(0)) stream.close();
  await sync?.stop();
  sync = undefined;
  await server?.close();
  server = undefined;
  await fake.close();
});

/** The stream server with the real sync writing into its store and announcing on its feed. */
async function start(env: Record<string, string> = {}): Promise<StreamServer> {
  const s = await startStreamServer({ UPSTREAM_URL: fake.url, UPSTREAM_TIMEOUT: '5s', UPSTREAM_RETRIES: '0', ...env });
  server = s;
  await addItems(s.store.db, [2, 4151, 13190]);
  sync = s.sync;
  return s;
}

async function stream(path = '/api/v1/prices/stream'): Promise<RawStream> {
  const opened = await openRawStream(`${server?.url}${path}`);
  open.push(opened);
  await opened.next((e) => e.event === 'connected');
  return opened;
}

const histories = (s: RawStream): HistoryEvent[] =>
  s.events.filter((e) => e.event === 'history').map((e) => HistoryEventSchema.parse(JSON.parse(e.data)));
const isHistory = (timestep: string, timestamp: number) => (e: SseMessage): boolean =>
  e.event === 'history' && e.data === JSON.stringify({ timestep, timestamp });

describe('history windows on the stream', () => {
  it('tells every connected client, filtered or not, about a window the sync stored, without moving its cursor', async () => {
    const s = await start({ SYNC_BACKFILL_MAX_WINDOWS: '0' });
    const window = T0 - 600;
    fake.setWindow('5m', fiveMinuteWindow(window));
    const all = await stream();
    const onlyMace = await stream('/api/v1/prices/stream?items=13190');

    expect(await sync?.runJob('5m')).toBe(true);
    for (const client of [all, onlyMace]) {
      const event = await client.next(isHistory('5m', window));
      expect(event.id).toBeUndefined();
    }
    // What the event announces is there to fetch.
    const answer = await fetch(`${s.url}/api/v1/items/4151/history?timestep=5m&since=${window - 1}`);
    expect(HistoryResponseSchema.parse(await answer.json()).buckets.map((b) => b.timestamp)).toEqual([window]);
    expect(await s.metrics.registry.getSingleMetricAsString('ge_sse_events_total')).toMatch(/type="history"} 2$/m);
  });

  it('announces each window a backfill writes, and a window served twice only once', async () => {
    await start({ SYNC_BACKFILL_MAX_WINDOWS: '2' });
    for (let h = 3; h >= 1; h -= 1) fake.setWindow('1h', hourWindow(T0 - h * HOUR));
    fake.setCurrentWindow('1h', T0 - HOUR);
    const client = await stream();

    expect(await sync?.runJob('1h')).toBe(true);
    await client.next(isHistory('1h', T0 - 3 * HOUR));
    expect(await sync?.runJob('1h')).toBe(true);
    // A later price sync marks how far the stream has got: nothing more came before it.
    const s = server;
    if (s === undefined) throw new Error('no server');
    const committed = await applyChanges(s.store.db, s.feed, [priceMove(2, 1)]);
    await client.next((e) => e.event === 'sync-complete' && e.id === `${committed.epoch}.${committed.seq}`);
    // Newest first: the most useful window is announced (and fetchable) before the older ones.
    expect(histories(client)).toEqual([1, 2, 3].map((h) => ({ timestep: '1h', timestamp: T0 - h * HOUR })));
  });
});

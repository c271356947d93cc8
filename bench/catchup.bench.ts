// Catching up after ten minutes away: the stream resumed with `since=` (one batch holding the
// latest state of each item that changed) against downloading the whole /prices/latest again.
// Replays eleven consecutive real /latest snapshots (../shared/data/osrs-wiki/latest-series: a
// baseline, then ten syncs of ~1,500 changes) through the real ingest, app and stream on
// loopback; generated snapshots of that size when the data is absent. Bytes are read off the
// socket (status line, headers, chunk framing, events). Applying is the client's own code (the
// live applier, or the full replace) on fake-indexeddb in Node, not a browser's IndexedDB.
import 'fake-indexeddb/auto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { LatestPricesResponseSchema, type LatestPricesResponse } from '../shared/protocol/api';
import { PriceBatchEventSchema, STREAM_EVENTS, type StreamEventName } from '../shared/protocol/events';
import type { CommittedChanges } from '../server/change-feed';
import { ingestLatest } from '../server/store/price-writes';
import { toItemLegs } from '../server/sync/latest-snapshot';
import { LatestResponseSchema } from '../server/upstream/schemas';
import { listPrices, replacePrices } from '../client/db/prices';
import { toPriceRecords } from '../client/db/records';
import { openTestDb } from '../client/db/test-db';
import { createLiveApplier } from '../client/live/live-applier';
import { parseStreamMessage } from '../client/live/stream-messages';
import { addItems, commitChanges, priceMove } from '../tests/helpers/apply-changes';
import { createRandom } from '../tests/helpers/seeded-random';
import type { SseMessage } from '../tests/helpers/sse-parse';
import { openRawStream } from '../tests/helpers/sse-reader';
import { startStreamServer } from '../tests/helpers/stream-server';
import { percentile, printTable } from './table';

const SERIES_DIR = new URL('../../shared/data/osrs-wiki/latest-series/', import.meta.url).pathname;
const AWAY_SYNCS = 10;
const APPLY_RUNS = 5;
const GENERATED_ITEMS = 4162;
const GENERATED_CHANGES = 1500;

function loadSeries(): Array<ReturnType<typeof toItemLegs>> | null {
  if (!existsSync(SERIES_DIR)) return null;
  const files = readdirSync(SERIES_DIR).filter((name) => name.endsWith('.json')).sort();
  if (files.length < AWAY_SYNCS + 1) return null;
  return files.slice(0, AWAY_SYNCS + 1).map((name) => toItemLegs(LatestResponseSchema.parse(JSON.parse(readFileSync(join(SERIES_DIR, name), 'utf8')))));
}

/** One whole response off the socket: its bytes on the wire and its body. */
function download(url: string): Promise<{ wire: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ wire: res.socket?.bytesRead ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', reject);
  });
}

const bytes = (text: string): number => Buffer.byteLength(text);
const isEventName = (name: string): name is StreamEventName => (STREAM_EVENTS as readonly string[]).includes(name);

/** Median ms of `run` over fresh devices holding the baseline snapshot. */
async function timeOnDevice(baseline: LatestPricesResponse, run: (db: Awaited<ReturnType<typeof openTestDb>>) => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < APPLY_RUNS; i += 1) {
    const db = await openTestDb();
    await replacePrices(db, toPriceRecords(baseline), { epoch: baseline.epoch, seq: baseline.seq });
    const started = performance.now();
    await run(db);
    times.push(performance.now() - started);
    db.close();
  }
  return percentile(times, 50);
}

async function main(): Promise<void> {
  const series = loadSeries();
  const server = await startStreamServer({ SSE_MAX_CLIENTS: '0', SSE_MAX_CLIENTS_PER_IP: '0' });
  const { db } = server.store;
  const random = createRandom(11);
  const ids = series?.[0]?.map((legs) => legs.itemId) ?? Array.from({ length: GENERATED_ITEMS }, (_, i) => i + 1);
  const sync = async (step: number): Promise<CommittedChanges> => {
    const snapshot = series?.[step];
    const committed = snapshot ? await ingestLatest(db, snapshot) : await commitChanges(db, random.sample(ids, GENERATED_CHANGES).map((id) => priceMove(id, step)));
    server.feed.publish(committed);
    return committed;
  };
  try {
    if (series === null) await addItems(db, ids);
    await sync(0);
    const baseline = LatestPricesResponseSchema.parse(JSON.parse((await download(`${server.url}/api/v1/prices/latest`)).body));
    let changes = 0;
    for (let step = 1; step <= AWAY_SYNCS; step += 1) changes += (await sync(step)).changes.length;

    const stream = await openRawStream(`${server.url}/api/v1/prices/stream?since=${baseline.epoch}.${baseline.seq}`);
    const started = performance.now();
    const catchUp = await stream.next((e) => e.event === 'price-batch' || e.event === 'price-update', 0, 30_000);
    const receiveMs = performance.now() - started;
    const catchUpWire = stream.bytesRead();
    const connected = stream.events.find((e) => e.event === 'connected');
    stream.close();
    const fullStarted = performance.now();
    const full = await download(`${server.url}/api/v1/prices/latest`);
    const fullReceiveMs = performance.now() - fullStarted;
    const latest = LatestPricesResponseSchema.parse(JSON.parse(full.body));

    const updates = PriceBatchEventSchema.parse(JSON.parse(catchUp.data)).updates;
    const changedIds = new Set(updates.map((u) => String(u.item_id)));
    const changedStreamJson = bytes(JSON.stringify(updates));
    const changedMapJson = bytes(JSON.stringify(Object.fromEntries(Object.entries(latest.prices).filter(([id]) => changedIds.has(id)))));
    // What the batch would weigh if its updates shared one commit time instead of one ISO string each.
    const sharedTimestamp = catchUpWire - updates.reduce((sum, u) => sum + bytes(`,"timestamp":${JSON.stringify(u.timestamp)}`), 0);

    let matches = true;
    const message = (e: SseMessage | undefined) => (e && isEventName(e.event) ? parseStreamMessage(e.event, e.data, e.id ?? '') : null);
    const applyMs = await timeOnDevice(baseline, async (device) => {
      const applier = createLiveApplier({
        db: device,
        fetchSnapshot: () => Promise.reject(new Error('a catch-up of the same epoch never resyncs')),
        applied: () => {},
        replaced: () => {},
        synced: () => {},
        failed: (error) => {
          throw error;
        },
      });
      for (const e of [connected, catchUp]) {
        const parsed = message(e);
        if (parsed) await applier.handle(parsed);
      }
      const held = await listPrices(device);
      matches &&= held.length === Object.keys(latest.prices).length && held.every((p) => latest.prices[String(p.itemId)]?.seq === p.seq);
    });
    const replaceMs = await timeOnDevice(baseline, async (device) => {
      const answer = LatestPricesResponseSchema.parse(JSON.parse(full.body));
      await replacePrices(device, toPriceRecords(answer), { epoch: answer.epoch, seq: answer.seq });
    });

    const ratio = (wire: number, to = changedStreamJson) => (wire / to).toFixed(2);
    const source = series ? `real latest-series, ${ids.length} items` : `generated, ${GENERATED_ITEMS} items`;
    printTable(`catching up after ${AWAY_SYNCS} syncs away (${source}): ${changes} changes, ${updates.length} distinct items; apply on fake-indexeddb in Node, median of ${APPLY_RUNS}`, [
      { path: 'stream ?since= (catch-up batch)', items: updates.length, 'bytes on wire': catchUpWire, 'x changed payload': ratio(catchUpWire), 'receive ms': receiveMs, 'apply ms': applyMs },
      { path: 'GET /prices/latest (full)', items: Object.keys(latest.prices).length, 'bytes on wire': full.wire, 'x changed payload': ratio(full.wire), 'receive ms': fullReceiveMs, 'apply ms': replaceMs },
      { path: 'changed items, stream JSON (reference)', items: updates.length, 'bytes on wire': changedStreamJson, 'x changed payload': '1.00', 'receive ms': '', 'apply ms': '' },
      { path: 'changed items, /latest map JSON (reference)', items: updates.length, 'bytes on wire': changedMapJson, 'x changed payload': ratio(changedMapJson), 'receive ms': '', 'apply ms': '' },
      { path: 'catch-up if updates shared one timestamp (estimate)', items: updates.length, 'bytes on wire': sharedTimestamp, 'x changed payload': ratio(sharedTimestamp), 'receive ms': '', 'apply ms': '' },
    ]);
    printTable('targets', [
      { target: 'catch-up <= 1.2 x the changed items\' payload (stream JSON)', value: ratio(catchUpWire), met: String(catchUpWire <= 1.2 * changedStreamJson) },
      { target: 'catch-up <= 1.2 x the changed items\' payload (/latest map JSON)', value: ratio(catchUpWire, changedMapJson), met: String(catchUpWire <= 1.2 * changedMapJson) },
      { target: 'catch-up smaller than the full download', value: `${((catchUpWire / full.wire) * 100).toFixed(1)} %`, met: String(catchUpWire < full.wire) },
      { target: 'apply catch-up to IndexedDB < 1000 ms', value: applyMs.toFixed(1), met: String(applyMs < 1000) },
      { target: 'device equals the server after catch-up', value: String(matches), met: String(matches) },
    ]);
  } finally {
    await server.close();
  }
}

await main();

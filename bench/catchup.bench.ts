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
import { gzipSync } from 'node:zlib';
import { fetchedAt, seriesFiles } from './stream-bytes';
import { gzipPiece } from '../server/stream/gzip-wire';
import { openGzipStream } from '../tests/helpers/gzip-stream';

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
    // Committed at the time the snapshot was fetched, as the live sync would have.
    const committed = snapshot ? await ingestLatest(db, snapshot, { now: fetchedAt(seriesFiles(), step) }) : await commitChanges(db, random.sample(ids, GENERATED_CHANGES).map((id) => priceMove(id, step)));
    server.feed.publish(committed);
    return committed;
  };
  try {
    if (series === null) await addItems(db, ids);
    await sync(0);
    const baseline = LatestPricesResponseSchema.parse(JSON.parse((await download(`${server.url}/api/v1/prices/latest`)).body));
    let changes = 0;
    // Live clients through the ten syncs: each sync's event in both formats, to time and apply.
    const liveJson = await openRawStream(`${server.url}/api/v1/prices/stream`);
    const liveCompact = await openRawStream(`${server.url}/api/v1/prices/stream?format=p1`);
    await Promise.all([liveJson, liveCompact].map((s) => s.next((e) => e.event === 'connected')));
    for (let step = 1; step <= AWAY_SYNCS; step += 1) {
      const committed = await sync(step);
      changes += committed.changes.length;
      const id = `${committed.epoch}.${committed.seq}`;
      await liveJson.next((e) => e.event === 'sync-complete' && e.id === id, 0, 30_000);
      await liveCompact.next((e) => e.event === 'p1' && e.id === id, 0, 30_000);
    }
    liveJson.close();
    liveCompact.close();

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
    const compactStream = await openRawStream(`${server.url}/api/v1/prices/stream?format=p1&since=${baseline.epoch}.${baseline.seq}`);
    await compactStream.next((e) => e.event === 'p1', 0, 30_000);
    const compactCatchUpWire = compactStream.bytesRead();
    compactStream.close();
    const gzipStream = await openGzipStream(`${server.url}/api/v1/prices/stream?format=p1&since=${baseline.epoch}.${baseline.seq}`);
    await gzipStream.next((e) => e.event === 'p1', 0, 30_000);
    const gzipCatchUpWire = gzipStream.bytesRead();
    gzipStream.close();
    const compactFull = await download(`${server.url}/api/v1/prices/latest?format=p1`);

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
    await compactFigures({ baseline, latest, full, catchUpWire, compactCatchUpWire, gzipCatchUpWire, compactFull, liveJson: liveJson.events, liveCompact: liveCompact.events, source });
  } finally {
    await server.close();
  }
}

/** Rebuilds an event's wire text (one data line: every payload here is single-line JSON). */
const wireText = (e: SseMessage): string => `${e.id === undefined ? '' : `id: ${e.id}\n`}event: ${e.event}\ndata: ${e.data}\n\n`;

/** The compact format and gzip beside today's figures: bytes, compression CPU, applying one sync. */
async function compactFigures(input: {
  baseline: LatestPricesResponse;
  latest: LatestPricesResponse;
  full: { wire: number; body: string };
  catchUpWire: number;
  compactCatchUpWire: number;
  gzipCatchUpWire: number;
  compactFull: { wire: number; body: string };
  liveJson: SseMessage[];
  liveCompact: SseMessage[];
  source: string;
}): Promise<void> {
  const { full, compactFull } = input;
  const fullGzip = gzipSync(full.body).length;
  const compactFullGzip = gzipSync(compactFull.body).length;
  printTable(`compact format (format=p1) and gzip against today (${input.source})`, [
    { figure: 'catch-up after 10 syncs / full download (JSON)', today: (input.catchUpWire / full.wire).toFixed(2), p1: (input.compactCatchUpWire / full.wire).toFixed(2), 'p1 + gzip': (input.gzipCatchUpWire / full.wire).toFixed(2) },
    { figure: 'catch-up after 10 syncs / full download, same format', today: (input.catchUpWire / full.wire).toFixed(2), p1: (input.compactCatchUpWire / compactFull.wire).toFixed(2), 'p1 + gzip': (input.gzipCatchUpWire / compactFullGzip).toFixed(2) },
    { figure: 'catch-up after 10 syncs, KB on the wire', today: input.catchUpWire / 1024, p1: input.compactCatchUpWire / 1024, 'p1 + gzip': input.gzipCatchUpWire / 1024 },
    { figure: 'full snapshot /prices/latest, KB (body; gzip: zlib gzip of it)', today: full.body.length / 1024, p1: compactFull.body.length / 1024, 'p1 + gzip': compactFullGzip / 1024 },
    { figure: '  today\'s snapshot gzipped, KB', today: fullGzip / 1024, p1: '', 'p1 + gzip': '' },
  ]);

  // Compression CPU: the unfiltered event of each sync, deflated once for every client.
  const batches = (events: SseMessage[], names: string[]) => events.filter((e) => names.includes(e.event)).map(wireText);
  const jsonSyncs = input.liveJson.filter((e) => e.event === 'price-batch').map((e, i) => wireText(e) + wireText(input.liveJson.filter((s) => s.event === 'sync-complete')[i] as SseMessage));
  const compactSyncs = batches(input.liveCompact, ['p1']);
  const timeDeflate = (texts: string[]) => {
    const times: number[] = [];
    for (let run = 0; run < 3; run += 1) {
      for (const text of texts) {
        const started = performance.now();
        gzipPiece(text);
        times.push(performance.now() - started);
      }
    }
    return { ms: percentile(times, 50), p99: percentile(times, 99), kb: texts.reduce((n, t) => n + t.length, 0) / texts.length / 1024, gz: texts.reduce((n, t) => n + gzipPiece(t).bytes.length, 0) / texts.length / 1024 };
  };
  const jsonCpu = timeDeflate(jsonSyncs);
  const compactCpu = timeDeflate(compactSyncs);
  printTable('compressing one sync batch (every item), once for all clients', [
    { event: 'original (price-batch + sync-complete)', 'KB': jsonCpu.kb, 'KB gzip': jsonCpu.gz, 'ms median': jsonCpu.ms, 'ms p99': jsonCpu.p99 },
    { event: 'p1', 'KB': compactCpu.kb, 'KB gzip': compactCpu.gz, 'ms median': compactCpu.ms, 'ms p99': compactCpu.p99 },
  ]);

  // Applying one live sync (~1,500 changes) to a device holding the state before it.
  const firstJson = input.liveJson.find((e) => e.event === 'price-batch');
  const firstCompact = input.liveCompact.find((e) => e.event === 'p1');
  const applyOne = (event: SseMessage | undefined) => timeOnDevice(input.baseline, async (device) => {
    const applier = createLiveApplier({
      db: device,
      fetchSnapshot: () => Promise.reject(new Error('a live sync of the same epoch never resyncs')),
      applied: () => {},
      replaced: () => {},
      synced: () => {},
      failed: (error) => {
        throw error;
      },
    });
    const parsed = event && isEventName(event.event) ? parseStreamMessage(event.event, event.data, event.id ?? '') : null;
    if (parsed) await applier.handle(parsed);
  });
  // Alternated, each format first in every other round, so neither always runs on the warmer (or fuller) heap.
  const jsonTimes: number[] = [];
  const compactTimes: number[] = [];
  for (let round = 0; round < 6; round += 1) {
    if (round % 2 === 0) compactTimes.push(await applyOne(firstCompact));
    jsonTimes.push(await applyOne(firstJson));
    if (round % 2 === 1) compactTimes.push(await applyOne(firstCompact));
  }
  const jsonApply = percentile(jsonTimes, 50);
  const compactApply = percentile(compactTimes, 50);
  const items = firstJson ? PriceBatchEventSchema.parse(JSON.parse(firstJson.data)).updates.length : 0;
  printTable(`applying one live sync of ${items} changes to IndexedDB (fake-indexeddb in Node, median of ${APPLY_RUNS}, parse included)`, [
    { event: 'original price-batch', 'apply ms': jsonApply },
    { event: 'p1', 'apply ms': compactApply },
  ]);
  const ratio = input.compactCatchUpWire / full.wire;
  printTable('compact targets', [
    { target: 'p1 catch-up after 10 syncs / full download <= 0.6', value: ratio.toFixed(2), met: String(ratio <= 0.6) },
    { target: 'full snapshot gzip <= 70 KB', value: (compactFullGzip / 1024).toFixed(1), met: String(compactFullGzip <= 70 * 1024) },
    { target: 'compressing one sync batch <= 2 ms (p1, median)', value: compactCpu.ms.toFixed(2), met: String(compactCpu.ms <= 2) },
    { target: 'applying a p1 sync no slower than the original batch', value: `${compactApply.toFixed(1)} vs ${jsonApply.toFixed(1)} ms`, met: String(compactApply <= jsonApply * 1.1) },
  ]);
}

await main();

// Bytes a client receives per hour while live, against polling the full latest table every 60 s.
// Replays consecutive real /latest snapshots (../shared/data/osrs-wiki/latest-series, ~1,500
// changed items between two) as if one sync a minute, through the real sync ingest, app and
// stream on loopback; generated snapshots of the same size when the data is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CommittedChanges } from '../server/change-feed';
import { readStreamState } from '../server/store/stream-state';
import { ingestLatest } from '../server/store/price-writes';
import { toItemLegs } from '../server/sync/latest-snapshot';
import { LatestResponseSchema } from '../server/upstream/schemas';
import { encodeHeartbeat } from '../server/stream/stream-payloads';
import { addItems, commitChanges, priceMove } from '../tests/helpers/apply-changes';
import { createRandom } from '../tests/helpers/seeded-random';
import { openRawStream, type RawStream } from '../tests/helpers/sse-reader';
import { openGzipStream } from '../tests/helpers/gzip-stream';
import { gzipPiece } from '../server/stream/gzip-wire';
import { startStreamServer, type StreamServer } from '../tests/helpers/stream-server';

const SERIES_DIR = new URL('../../shared/data/osrs-wiki/latest-series/', import.meta.url).pathname;
const FILTERED_CLIENTS = 20;
const SYNCS_PER_HOUR = 60;
const HEARTBEATS_PER_HOUR = 120;
/** SSE_CONNECTION_TIMEOUT is 30 min: two reconnects (head, connected, catch-up) an hour. */
const RECONNECTS_PER_HOUR = 2;

export interface BytesRow extends Record<string, string | number> {
  client: string;
  'bytes/sync': number;
  'KB/hour': number;
  'vs full poll': string;
}

/** Snapshots to replay: the real series, or null when the data folder is absent. */
function realSnapshots(): Array<ReturnType<typeof toItemLegs>> | null {
  if (!existsSync(SERIES_DIR)) return null;
  return seriesFiles().map((f) => toItemLegs(LatestResponseSchema.parse(JSON.parse(readFileSync(join(SERIES_DIR, f), 'utf8')))));
}

/** The series' file names in order (the folder must exist). */
export function seriesFiles(): string[] {
  return readdirSync(SERIES_DIR).filter((f) => f.endsWith('.json')).sort();
}

/**
 * Unix ms at which snapshot `step` was fetched (its file name, `latest-UNIX.json`): replayed
 * commits take that time, as the live sync's do, so times relative to the commit are as live.
 */
export function fetchedAt(files: readonly string[], step: number): number | undefined {
  const match = /(\d+)\.json$/.exec(files[step] ?? '');
  return match ? Number(match[1]) * 1000 : undefined;
}

/** Everything the client reads for one response: status line, headers and body. */
function fetchBytes(url: string): Promise<{ bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ bytes: res.socket?.bytesRead ?? Buffer.byteLength(body), body }));
    }).on('error', reject);
  });
}

export async function measureBytesPerHour(): Promise<{ source: string; changedPerSync: number; rows: BytesRow[] }> {
  const snapshots = realSnapshots();
  const server: StreamServer = await startStreamServer({ SSE_MAX_CLIENTS: '0', SSE_MAX_CLIENTS_PER_IP: '0' });
  const random = createRandom(7);
  const { db } = server.store;
  const ids = snapshots?.[0]?.map((legs) => legs.itemId) ?? Array.from({ length: 4162 }, (_, i) => i + 1);
  const sync = async (step: number): Promise<CommittedChanges> => {
    const snapshot = snapshots?.[step];
    const committed = snapshot !== undefined
      ? await ingestLatest(db, snapshot, { now: fetchedAt(seriesFiles(), step) })
      : await commitChanges(db, random.sample(ids, 1500).map((id) => priceMove(id, step)));
    server.feed.publish(committed);
    return committed;
  };
  try {
    // The catalogue first: the stream refuses a filter naming ids it does not list.
    await addItems(db, ids);
    await sync(0);
    const steps = snapshots === null ? 11 : snapshots.length - 1;
    const streams: Array<Pick<RawStream, 'next' | 'bytesRead' | 'close'>> = [await openRawStream(`${server.url}/api/v1/prices/stream`)];
    for (let i = 0; i < FILTERED_CLIENTS; i += 1) {
      streams.push(await openRawStream(`${server.url}/api/v1/prices/stream?items=${random.sample(ids, 10).join(',')}`));
    }
    // The compact format (what the app asks for), plain and gzip, and the original one gzipped.
    const compactAt = streams.length;
    streams.push(await openRawStream(`${server.url}/api/v1/prices/stream?format=p1`));
    streams.push(await openGzipStream(`${server.url}/api/v1/prices/stream?format=p1`));
    streams.push(await openGzipStream(`${server.url}/api/v1/prices/stream`));
    const compactFiltered = streams.length;
    for (let i = 0; i < FILTERED_CLIENTS; i += 1) {
      streams.push(await openGzipStream(`${server.url}/api/v1/prices/stream?format=p1&items=${random.sample(ids, 10).join(',')}`));
    }
    await Promise.all(streams.map((s) => s.next((e) => e.event === 'connected', 0, 30_000)));
    const opening = streams.map((s) => s.bytesRead());
    const full = await fetchBytes(`${server.url}/api/v1/prices/latest`);
    const compactFull = await fetchBytes(`${server.url}/api/v1/prices/latest?format=p1`);
    let deltaBytes = 0;
    let changed = 0;
    let previous = await readStreamState(db);
    for (let step = 1; step <= steps; step += 1) {
      const committed = await sync(step);
      changed += committed.changes.length;
      const id = `${committed.epoch}.${committed.seq}`;
      await Promise.all(streams.map((s) => s.next((e) => (e.event === 'sync-complete' || e.event === 'p1') && e.id === id, 0, 30_000)));
      deltaBytes += (await fetchBytes(`${server.url}/api/v1/prices/latest?since=${previous.epoch}.${previous.seq}`)).bytes;
      previous = { epoch: committed.epoch, seq: committed.seq };
    }
    const perSync = streams.map((s, i) => (s.bytesRead() - (opening[i] ?? 0)) / steps);
    for (const s of streams) s.close();

    const heartbeat = encodeHeartbeat(Date.now()).length + 8; // + chunk framing (size line, CRLFs)
    const heartbeatGzip = gzipPiece(encodeHeartbeat(Date.now())).bytes.length + 8;
    const hourly = (bytesPerSync: number, openingBytes: number, beat = heartbeat): number =>
      bytesPerSync * SYNCS_PER_HOUR + beat * HEARTBEATS_PER_HOUR + openingBytes * RECONNECTS_PER_HOUR;
    const fullHour = full.bytes * SYNCS_PER_HOUR;
    const row = (client: string, bytesPerSync: number, perHour: number): BytesRow => ({
      client,
      'bytes/sync': Math.round(bytesPerSync),
      'KB/hour': Math.round(perHour / 1024),
      'vs full poll': `${((perHour / fullHour) * 100).toFixed(1)} %`,
    });
    const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const filteredPerSync = mean(perSync.slice(1, compactAt));
    const filteredOpening = mean(opening.slice(1, compactAt));
    const at = (i: number): [number, number] => [perSync[i] ?? 0, opening[i] ?? 0];
    const [compactPerSync, compactOpening] = at(compactAt);
    const [compactGzipPerSync, compactGzipOpening] = at(compactAt + 1);
    const [jsonGzipPerSync, jsonGzipOpening] = at(compactAt + 2);
    const compactFilteredPerSync = mean(perSync.slice(compactFiltered));
    const compactFilteredOpening = mean(opening.slice(compactFiltered));
    const compactFullGzip = gzipSync(compactFull.body).length;
    return {
      source: snapshots === null ? 'generated: 4,162 items, 1,500 changed per sync' : `real latest-series: ${ids.length} items, ${steps} consecutive diffs`,
      changedPerSync: Math.round(changed / steps),
      rows: [
        row('SSE, every item', perSync[0] ?? 0, hourly(perSync[0] ?? 0, opening[0] ?? 0)),
        row('SSE, 10-item filter (mean of 20)', filteredPerSync, hourly(filteredPerSync, filteredOpening)),
        row('SSE p1, every item', compactPerSync, hourly(compactPerSync, compactOpening)),
        row('SSE p1 + gzip, every item', compactGzipPerSync, hourly(compactGzipPerSync, compactGzipOpening, heartbeatGzip)),
        row('SSE original + gzip, every item', jsonGzipPerSync, hourly(jsonGzipPerSync, jsonGzipOpening, heartbeatGzip)),
        row('SSE p1 + gzip, 10-item filter (mean of 20)', compactFilteredPerSync, hourly(compactFilteredPerSync, compactFilteredOpening, heartbeatGzip)),
        row('poll full /prices/latest every 60 s', full.bytes, fullHour),
        row('  same, if it were gzipped', gzipSync(full.body).length, gzipSync(full.body).length * SYNCS_PER_HOUR),
        row('poll /prices/latest?format=p1 every 60 s, gzipped', compactFullGzip, compactFullGzip * SYNCS_PER_HOUR),
        row('poll /prices/latest?since= every 60 s', deltaBytes / steps, (deltaBytes / steps) * SYNCS_PER_HOUR),
      ],
    };
  } finally {
    await server.close();
  }
}

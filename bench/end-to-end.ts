// The fan-out benchmark's end-to-end part: from the wiki's answer to each client's receipt, on the
// real /latest series. A fake wiki on loopback (in this process) serves each snapshot in turn to
// two servers, each in its own process with its own load generator holding the same 3,000
// clients with 10-item filters: ours (real SQLite file, the real sync job with validation, diff
// and durable write, the real stream service) and a better-sse server that only diffs in memory.
// The two sync one after the other on each snapshot (alternating who goes first), so the
// machine's load weighs on both alike.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeUpstream, type FakeUpstream } from '../tests/helpers/fake-upstream';
import { createRandom } from '../tests/helpers/seeded-random';
import { spawnChild, type Child } from './stream-ipc';
import type { LoadCalls } from './stream-load';
import type { EndToEndCalls, EndToEndReady } from './end-to-end-calls';
import { percentile } from './table';

export const END_TO_END_CLIENTS = 3000;
const FILTER_SIZE = 10;
/** Measured syncs per server (E2E_SYNCS); each one's tail is a 3,000th of the receipts. */
const SYNCS = Number(process.env.E2E_SYNCS ?? 22);
const WARM_UP = 3;
const DATA_DIR = new URL('../../shared/data/osrs-wiki/', import.meta.url).pathname;
const SERIES_DIR = join(DATA_DIR, 'latest-series');
const LOAD_FILE = fileURLToPath(new URL('./stream-load.ts', import.meta.url));
const SERVERS = {
  ours: fileURLToPath(new URL('./end-to-end-ours.ts', import.meta.url)),
  'better-sse': fileURLToPath(new URL('./end-to-end-peer.ts', import.meta.url)),
} as const;
type ServerName = keyof typeof SERVERS;

interface Side {
  name: ServerName;
  server: Child<EndToEndCalls>;
  load: Child<LoadCalls>;
  fromAnswer: number[];
  /** Each sync's own p99 (from the answer): its median says what a typical sync's tail is under load. */
  syncP99: number[];
  fromStart: number[];
  syncMs: number[];
  flushMs: number[];
  changes: number[];
  missing: number;
}

export interface EndToEndRow extends Record<string, string | number> {
  server: string;
  clients: number;
  syncs: number;
  'changes p50': number;
  'answer to receipt p50 ms': number;
  'answer to receipt p99 ms': number;
  'per-sync p99, median ms': number;
  'per-sync p99, worst ms': number;
  'sync start to receipt p99 ms': number;
  'sync to published ms (median)': number;
  'sync to published ms (worst)': number;
  'published to kernel ms (median)': number;
  missed: number;
}

/** 0, 1, …, n-1, n-2, …, 0, 1, …: consecutive snapshots whichever the direction. */
function pingPong(step: number, n: number): number {
  const at = step % (2 * (n - 1));
  return at < n ? at : 2 * (n - 1) - at;
}

function readSeries(): string[] | null {
  if (!existsSync(SERIES_DIR) || !existsSync(join(DATA_DIR, 'mapping.json'))) return null;
  return readdirSync(SERIES_DIR).filter((f) => f.endsWith('.json')).sort().map((f) => readFileSync(join(SERIES_DIR, f), 'utf8'));
}

/** The newest /latest answer the fake wiki gave: when it was handed to the socket. */
function lastAnswer(fake: FakeUpstream): number {
  const answered = fake.requests.filter((r) => r.endpoint === 'latest').at(-1)?.answeredAt;
  if (answered === undefined) throw new Error('the fake wiki never answered /latest');
  return answered;
}

async function syncOnce(side: Side, fake: FakeUpstream, measured: boolean): Promise<void> {
  const sync = await side.server.call('sync', null);
  const answeredAt = lastAnswer(fake);
  const reply = await side.load.call('awaitSeq', { seq: sync.seq, timeoutMs: 30_000 });
  if (!measured) return;
  const fromAnswer = reply.receivedAt.map((at) => at - answeredAt);
  side.fromAnswer.push(...fromAnswer);
  side.syncP99.push(percentile(fromAnswer, 99));
  side.fromStart.push(...reply.receivedAt.map((at) => at - sync.startedAt));
  side.syncMs.push(sync.publishedAt - sync.startedAt);
  side.flushMs.push(sync.flushedAt - sync.publishedAt);
  side.changes.push(sync.changes);
  side.missing += reply.missing;
}

function rowOf(side: Side): EndToEndRow {
  return {
    server: side.name,
    clients: END_TO_END_CLIENTS,
    syncs: side.syncMs.length,
    'changes p50': percentile(side.changes, 50),
    'answer to receipt p50 ms': percentile(side.fromAnswer, 50),
    'answer to receipt p99 ms': percentile(side.fromAnswer, 99),
    'per-sync p99, median ms': percentile(side.syncP99, 50),
    'per-sync p99, worst ms': Math.max(...side.syncP99),
    'sync start to receipt p99 ms': percentile(side.fromStart, 99),
    'sync to published ms (median)': percentile(side.syncMs, 50),
    'sync to published ms (worst)': Math.max(...side.syncMs),
    'published to kernel ms (median)': percentile(side.flushMs, 50),
    missed: side.missing,
  };
}

/** Both servers over the whole series; null (with why) without the real data. */
export async function measureEndToEnd(): Promise<{ rows: EndToEndRow[]; source: string } | { skipped: string }> {
  const series = readSeries();
  if (series === null) return { skipped: `no real data in ${DATA_DIR}` };
  const fake = await startFakeUpstream();
  const dir = mkdtempSync(join(tmpdir(), 'ge-end-to-end-'));
  const children: Array<Child<EndToEndCalls> | Child<LoadCalls>> = [];
  try {
    fake.setMapping(JSON.parse(readFileSync(join(DATA_DIR, 'mapping.json'), 'utf8')));
    fake.setLatest(JSON.parse(series[0] ?? '{}'));
    const known = new Set((JSON.parse(readFileSync(join(DATA_DIR, 'mapping.json'), 'utf8')) as Array<{ id: number }>).map((m) => m.id));
    const ids = Object.keys((JSON.parse(series[0] ?? '{}') as { data: object }).data).map(Number).filter((id) => known.has(id));
    const random = createRandom(31);
    const filters = Array.from({ length: END_TO_END_CLIENTS }, () => random.sample(ids, FILTER_SIZE));
    const sides: Side[] = [];
    for (const name of Object.keys(SERVERS) as ServerName[]) {
      const server = await spawnChild<EndToEndCalls>(SERVERS[name], [fake.url, dir]);
      const load = await spawnChild<LoadCalls>(LOAD_FILE);
      children.push(server, load);
      await server.call('prepare', null);
      const { port } = server.ready as EndToEndReady;
      const opened = await load.call('connect', { port, clients: filters.map((filter) => ({ filter })), verify: false, concurrency: 200 });
      if (opened.failed > 0) throw new Error(`${name}: ${opened.failed} clients could not connect`);
      sides.push({ name, server, load, fromAnswer: [], syncP99: [], fromStart: [], syncMs: [], flushMs: [], changes: [], missing: 0 });
    }
    // The series forth and back (each step a real five-minute diff, in either direction). The
    // first syncs warm both up (JIT, the first writes after the clients came), as a server that
    // has run a few minutes is, and are not measured.
    for (let step = 1; step <= WARM_UP + SYNCS; step += 1) {
      fake.setLatest(JSON.parse(series[pingPong(step, series.length)] ?? '{}'));
      const order = step % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) await syncOnce(side, fake, step > WARM_UP);
    }
    return { rows: sides.map(rowOf), source: `real latest-series of ${series.length} snapshots forth and back, ${SYNCS} syncs measured` };
  } finally {
    await Promise.all(children.map((child) => child.kill()));
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

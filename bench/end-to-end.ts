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
  fromStart: number[];
  syncMs: number[];
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
  'sync start to receipt p99 ms': number;
  'sync to published ms (median)': number;
  missed: number;
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
  side.fromAnswer.push(...reply.receivedAt.map((at) => at - answeredAt));
  side.fromStart.push(...reply.receivedAt.map((at) => at - sync.startedAt));
  side.syncMs.push(sync.publishedAt - sync.startedAt);
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
    'sync start to receipt p99 ms': percentile(side.fromStart, 99),
    'sync to published ms (median)': percentile(side.syncMs, 50),
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
      sides.push({ name, server, load, fromAnswer: [], fromStart: [], syncMs: [], changes: [], missing: 0 });
    }
    // Snapshot 1 warms both up (JIT, first writes after the load); the rest are measured.
    for (let step = 1; step < series.length; step += 1) {
      fake.setLatest(JSON.parse(series[step] ?? '{}'));
      const order = step % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) await syncOnce(side, fake, step > 1);
    }
    return { rows: sides.map(rowOf), source: `real latest-series, ${series.length - 2} syncs measured` };
  } finally {
    await Promise.all(children.map((child) => child.kill()));
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npm run bench -- fanout`: the live stream under load, on loopback only.
// 1. Fan-out: 5,000 clients with random 10-item filters + 500 unfiltered, syncs of 600 changed
//    items; our hub against a naive hub and better-sse in the same run. The server runs in its own
//    process (so its RSS is measurable); clients live in load-generator processes.
// 2. Reconnect storm: 5,000 clients drop at once and resume from their last ids.
// 3. Bytes per client-hour while live, against polling the full table every 60 s.
// 4. End to end on the real /latest series: from the wiki's answer to each client's receipt, our
//    real server (validation, diff, durable SQLite write, stream) beside a better-sse server that
//    only diffs in memory, 3,000 clients with 10-item filters each (bench/end-to-end.ts).
// FANOUT_PARTS=fanout,gzip,storm,bytes,e2e picks parts (default: all; gzip reruns our fan-out with
// every client on gzip, original and compact format, and needs fanout).
import { fileURLToPath } from 'node:url';
import { createRandom, type Random } from '../tests/helpers/seeded-random';
import { HUBS, ITEM_COUNT, type HubName, type ServerCalls, type ServerReady } from './stream-bench-hub';
import type { ClientSpec, LoadCalls } from './stream-load';
import { spawnChild, type Child } from './stream-ipc';
import { measureBytesPerHour } from './stream-bytes';
import { END_TO_END_CLIENTS, measureEndToEnd } from './end-to-end';
import { percentile, printTable } from './table';

const FILTERED = 5000;
const UNFILTERED = 500;
const FILTER_SIZE = 10;
const CHANGED = 600;
const SYNCS = 5;
const LOAD_GENERATORS = 2;
const STORM_CLIENTS = 5000;
const SERVER_FILE = fileURLToPath(new URL('./stream-bench-server.ts', import.meta.url));
const LOAD_FILE = fileURLToPath(new URL('./stream-load.ts', import.meta.url));
const PARTS = new Set((process.env.FANOUT_PARTS ?? 'fanout,gzip,storm,bytes,e2e').split(','));
const ids = Array.from({ length: ITEM_COUNT }, (_, i) => i + 1);

interface Rig {
  server: Child<ServerCalls>;
  ready: ServerReady;
  loads: Array<Child<LoadCalls>>;
}

async function withRig<T>(hub: HubName, run: (rig: Rig) => Promise<T>): Promise<T> {
  const server = await spawnChild<ServerCalls>(SERVER_FILE, [hub]);
  const loads = await Promise.all(Array.from({ length: LOAD_GENERATORS }, () => spawnChild<LoadCalls>(LOAD_FILE)));
  try {
    return await run({ server, ready: server.ready as ServerReady, loads });
  } finally {
    await Promise.all([server, ...loads].map((child) => child.kill()));
  }
}

/** Every client's wire: the original JSON by default; gzip and/or the compact format when asked. */
type Wire = Pick<ClientSpec, 'gzip' | 'format'>;

function specs(random: Random, filtered: number, unfiltered: number, wire: Wire = {}): ClientSpec[][] {
  const all: ClientSpec[] = [
    ...Array.from({ length: filtered }, () => ({ filter: random.sample(ids, FILTER_SIZE), ...wire })),
    ...Array.from({ length: unfiltered }, () => ({ filter: null, ...wire })),
  ];
  return Array.from({ length: LOAD_GENERATORS }, (_, g) => all.filter((_, i) => i % LOAD_GENERATORS === g));
}

/** One sync; resolves when every open client has its sync-complete, with per-client latencies. */
async function syncAndWait(rig: Rig, random: Random, step: number) {
  const sync = await rig.server.call('sync', { itemIds: random.sample(ids, CHANGED), step });
  const replies = await Promise.all(rig.loads.map((l) => l.call('awaitSeq', { seq: sync.seq, timeoutMs: 30_000 })));
  const latencies = replies.flatMap((r) => r.receivedAt.map((at) => at - sync.committedAt));
  return { sync, latencies, missing: replies.reduce((n, r) => n + r.missing, 0) };
}

async function fanout(hub: HubName, wire: Wire = {}) {
  return withRig(hub, async (rig) => {
    const random = createRandom(11);
    const before = await rig.server.call('rss', null);
    const shares = specs(random, FILTERED, UNFILTERED, wire);
    const started = performance.now();
    const opened = await Promise.all(rig.loads.map((l, i) => l.call('connect', { port: rig.ready.port, clients: shares[i] ?? [], verify: false, concurrency: 200 })));
    const connectS = (performance.now() - started) / 1000;
    const idle = await rig.server.call('rss', null);
    const latencies: number[] = [];
    const loops: number[] = [];
    const flushes: number[] = [];
    let missing = 0;
    await syncAndWait(rig, random, 1); // warm-up: JIT, first large writes
    for (let step = 2; step <= SYNCS + 1; step += 1) {
      const result = await syncAndWait(rig, random, step);
      latencies.push(...result.latencies);
      loops.push(result.sync.loopMs);
      flushes.push(result.sync.flushMs);
      missing += result.missing;
    }
    return {
      hub,
      clients: idle.clients,
      failed: opened.reduce((n, o) => n + o.failed, 0),
      'connect s': connectS,
      'write loop ms (median)': percentile(loops, 50),
      'to kernel ms (median)': percentile(flushes, 50),
      'delivery p50 ms': percentile(latencies, 50),
      'delivery p99 ms': percentile(latencies, 99),
      missed: missing,
      'KB RSS/client': (idle.rss - before.rss) / 1024 / Math.max(1, idle.clients),
    };
  });
}

async function storm() {
  return withRig('ours', async (rig) => {
    const random = createRandom(23);
    const shares = specs(random, STORM_CLIENTS - UNFILTERED, UNFILTERED);
    const resumeFrom = `${rig.ready.epoch}.${rig.ready.seq}`;
    await Promise.all(rig.loads.map((l, i) => l.call('connect', { port: rig.ready.port, clients: shares[i] ?? [], verify: true, resumeFrom, concurrency: 200 })));
    for (let step = 1; step <= 2; step += 1) await syncAndWait(rig, random, step);
    await Promise.all(rig.loads.map((l) => l.call('drop', null)));
    for (let step = 3; step <= 5; step += 1) await rig.server.call('sync', { itemIds: random.sample(ids, CHANGED), step });
    const started = performance.now();
    // Everyone at once, and one more sync lands in the middle of the storm.
    const reconnecting = Promise.all(rig.loads.map((l, i) => l.call('reconnect', { concurrency: shares[i]?.length ?? 1 })));
    const midStorm = rig.server.call('sync', { itemIds: random.sample(ids, CHANGED), step: 6 });
    const back = await reconnecting;
    await midStorm;
    const convergedS = (performance.now() - started) / 1000;
    const final = await syncAndWait(rig, random, 7);
    const truth = await rig.server.call('truth', null);
    const lastId = `${rig.ready.epoch}.${final.sync.seq}`;
    const verified = await Promise.all(rig.loads.map((l) => l.call('verify', { truth, baselineSeq: rig.ready.seq, lastId })));
    const sum = (key: 'clients' | 'converged' | 'duplicates' | 'regressions' | 'resyncs' | 'foreign'): number =>
      verified.reduce((n, v) => n + v[key], 0);
    const catchups = back.flatMap((b) => b.catchupMs);
    const unfiltered = back.flatMap((b) => b.unfilteredCatchupMs);
    return {
      clients: sum('clients'),
      reconnected: back.reduce((n, b) => n + b.open, 0),
      'all back s': convergedS,
      'catch-up p50 ms': percentile(catchups, 50),
      'catch-up p99 ms': percentile(catchups, 99),
      'unfiltered p99 ms': percentile(unfiltered, 99),
      converged: sum('converged'),
      gaps: sum('clients') - sum('converged'),
      duplicates: sum('duplicates'),
      regressions: sum('regressions'),
      resyncs: sum('resyncs'),
      'outside filter': sum('foreign'),
    };
  });
}

async function main(): Promise<void> {
  const started = performance.now();
  const rows = [];
  if (PARTS.has('fanout')) for (const hub of HUBS) rows.push(await fanout(hub));
  const [ours, ...peers] = rows;
  // Our hub again with every client on gzip: the original events, and the app's compact format.
  const zipped = PARTS.has('gzip') && ours
    ? [
      { ...(await fanout('ours', { gzip: true })), hub: 'ours + gzip' },
      { ...(await fanout('ours', { gzip: true, format: 'p1' })), hub: 'ours + gzip, p1' },
    ]
    : [];
  if (ours) {
    printTable(`fan-out: ${FILTERED} clients with random ${FILTER_SIZE}-item filters + ${UNFILTERED} unfiltered, ${ITEM_COUNT} items, syncs of ${CHANGED} changes (${SYNCS} measured)`, [...rows, ...zipped]);
    printTable('ours against the peers (peer / ours: above 1 means ours is ahead)', peers.map((peer) => ({
      peer: peer.hub,
      'write loop': peer['write loop ms (median)'] / ours['write loop ms (median)'],
      'to kernel': peer['to kernel ms (median)'] / ours['to kernel ms (median)'],
      'delivery p50': peer['delivery p50 ms'] / ours['delivery p50 ms'],
      'delivery p99': peer['delivery p99 ms'] / ours['delivery p99 ms'],
      'RSS/client': peer['KB RSS/client'] / ours['KB RSS/client'],
    })));
  }
  const stormRow = PARTS.has('storm') ? await storm() : undefined;
  if (stormRow) {
    printTable(`reconnect storm: ${STORM_CLIENTS} clients drop at once, miss 3 syncs, reconnect at once with their last ids (half by query, half by Last-Event-ID) while one more sync lands`, [stormRow]);
  }
  if (PARTS.has('bytes')) {
    const bytes = await measureBytesPerHour();
    printTable(`bytes per client-hour while live (${bytes.source}, ${bytes.changedPerSync} changed per sync, one sync a minute)`, bytes.rows);
  }
  const e2e = PARTS.has('e2e') ? await measureEndToEnd() : undefined;
  const [e2eOurs, e2ePeer] = e2e !== undefined && 'rows' in e2e ? e2e.rows : [];
  if (e2e !== undefined && 'skipped' in e2e) process.stdout.write(`\nend to end: skipped (${e2e.skipped})\n`);
  if (e2e !== undefined && 'rows' in e2e && e2eOurs && e2ePeer) {
    printTable(`end to end (${e2e.source}): the wiki's answer to each of ${END_TO_END_CLIENTS} clients (10-item filters) reading its sync-complete; ours validates, diffs and commits to SQLite first, better-sse only diffs in memory`, [
      ...e2e.rows,
      {
        server: 'better-sse / ours (above 1: ours ahead)',
        'answer to receipt p50 ms': e2ePeer['answer to receipt p50 ms'] / e2eOurs['answer to receipt p50 ms'],
        'answer to receipt p99 ms': e2ePeer['answer to receipt p99 ms'] / e2eOurs['answer to receipt p99 ms'],
        'per-sync p99, median ms': e2ePeer['per-sync p99, median ms'] / e2eOurs['per-sync p99, median ms'],
      },
    ]);
  }
  const targets = [
    ...(ours ? [
      { target: 'delivery p99 <= 250 ms', value: ours['delivery p99 ms'], met: ours['delivery p99 ms'] <= 250 },
      { target: 'write loop <= 50 ms', value: ours['write loop ms (median)'], met: ours['write loop ms (median)'] <= 50 },
      { target: '<= 25 KB RSS per idle client', value: ours['KB RSS/client'], met: ours['KB RSS/client'] <= 25 },
      { target: 'ahead of both peers (delivery p99, write loop)', value: peers.map((p) => p.hub).join(', '), met: peers.every((p) => p['delivery p99 ms'] > ours['delivery p99 ms'] && p['write loop ms (median)'] > ours['write loop ms (median)']) },
    ] : []),
    ...(stormRow ? [
      { target: 'storm: all converge, no gap or duplicate', value: `${stormRow.converged}/${stormRow.clients}`, met: stormRow.converged === stormRow.clients && stormRow.duplicates === 0 && stormRow.regressions === 0 },
      { target: 'storm catch-up p99 <= 2000 ms', value: stormRow['catch-up p99 ms'], met: stormRow['catch-up p99 ms'] <= 2000 },
    ] : []),
    ...(e2eOurs && e2ePeer ? [
      { target: 'end to end p99 level with or ahead of better-sse', value: `${e2eOurs['answer to receipt p99 ms'].toFixed(1)} vs ${e2ePeer['answer to receipt p99 ms'].toFixed(1)} ms`, met: e2eOurs['answer to receipt p99 ms'] <= e2ePeer['answer to receipt p99 ms'] },
    ] : []),
  ];
  if (targets.length > 0) printTable('targets', targets.map((t) => ({ ...t, met: t.met ? 'yes' : 'NO' })));
  process.stdout.write(`\nfanout bench took ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

await main();

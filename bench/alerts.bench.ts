// Server-side price alerts. (1) Evaluating 10,000 devices with 20 rules each against one real
// /latest sync (~1,500 changed items): rules are indexed by item id, so only the changed items'
// rules are looked at, packed per item in typed arrays (rule-index.ts); each sync also goes through
// the previous layout (alerts-row-index.ts), in turn, for comparison. Target p50 <= 20 ms.
// ALERTS_PARTS=evaluation runs only this part. (2) What alerts cost the live stream (only this
// part: ALERTS_PARTS=stream): from the sync handing its commit to the feed (before the stream
// encodes and writes it) to a stream client reading its price-batch, with alerts off and on (the
// same devices, pushes to a stand-in push service on loopback), side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../server/config';
import { createMetrics } from '../server/metrics';
import { evaluateChanges } from '../server/push/evaluate-changes';
import { createRuleIndex } from '../server/push/rule-index';
import { subscriptionId } from '../server/http/push-routes';
import { startServer } from '../server/start';
import { openDatabase } from '../server/store/db';
import { ingestLatest } from '../server/store/price-writes';
import { createAlertReferenceReader, readAlertReferences } from '../server/store/alert-market-query';
import { registerSubscription } from '../server/store/push-subscriptions-repo';
import { ensureStreamState } from '../server/store/stream-state';
import { toItemLegs } from '../server/sync/latest-snapshot';
import { captureLogger } from '../tests/helpers/capture-logger';
import { startFakeUpstream } from '../tests/helpers/fake-upstream';
import { startPushStandIn } from '../tests/helpers/push-standin';
import { createRowIndex, evaluateChangesByRow } from './alerts-row-index';
import { generateRules, loadMarket, storeWindows, type BenchMarket } from './alerts-setup';
import { percentile, printTable } from './table';
import { spawnChild, type Child } from './stream-ipc';

const DEVICES = 10_000;
const RULES = 20;
const RUNS = 30;
const STREAM_RUNS = 21;

type ClientHandlers = { open: (url: string) => void; arrivals: () => number; take: () => number[]; close: () => void };

async function waitForArrival(client: Child<ClientHandlers>): Promise<number[]> {
  const deadline = Date.now() + 60_000;
  while ((await client.call('arrivals', undefined)) === 0) {
    if (Date.now() > deadline) throw new Error('no price-batch within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return client.call('take', undefined);
}

async function evaluation(market: BenchMarket, rules: ReturnType<typeof generateRules>, dir: string) {
  const store = await openDatabase(`sqlite:${join(dir, 'evaluate.sqlite')}`);
  await ensureStreamState(store.db);
  await storeWindows(store.db, market);
  const references = await readAlertReferences(store.db);
  // What a 5-minute window landing costs the push service: its references read afresh, or by the
  // service's reader, which keeps the hourly part while the stored hours are unchanged.
  const reader = createAlertReferenceReader(store.db);
  await reader.read();
  const referenceTimes = { fresh: [] as number[], kept: [] as number[] };
  for (let run = 0; run < 5; run += 1) {
    for (const [way, read] of [['fresh', () => readAlertReferences(store.db)], ['kept', () => reader.read()]] as const) {
      const started = performance.now();
      await read();
      referenceTimes[way].push(performance.now() - started);
    }
  }
  const index = createRuleIndex();
  const byRow = createRowIndex();
  rules.forEach((list, d) => {
    const record = { id: `d${d}`, endpoint: `https://127.0.0.1/push/${d}`, p256dh: 'k', auth: 'a', clientAddress: '127.0.0.1', rules: list, states: {}, revision: 1 };
    index.apply(record);
    byRow.apply(record);
  });
  const syncs = [];
  for (const snapshot of market.latest) syncs.push(await ingestLatest(store.db, toItemLegs(snapshot)));
  await store.close();
  const times: number[] = [];
  const rowTimes: number[] = [];
  const looked: number[] = [];
  const changes: number[] = [];
  let fired = 0;
  let rowFired = 0;
  const cpuTimes: number[] = [];
  const rowCpuTimes: number[] = [];
  const cpu = (): number => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  for (let run = 0; run < RUNS; run += 1) {
    const committed = syncs[1 + (run % (syncs.length - 1))]!;
    const sync = { ...committed, seq: committed.seq + run * 100_000, committedAt: (Math.max(...committed.changes.map((c) => Math.max(c.highTime ?? 0, c.lowTime ?? 0))) + 30) * 1000 };
    // Both layouts see every sync, in turn, first one then the other, so the machine's load falls on both alike.
    const order = run % 2 === 0 ? ['columns', 'rows'] : ['rows', 'columns'];
    for (const layout of order) {
      const started = performance.now();
      const startedCpu = cpu();
      if (layout === 'columns') {
        fired += evaluateChanges(index, sync, references).result.fired.length;
        times.push(performance.now() - started);
        cpuTimes.push(cpu() - startedCpu);
      } else {
        rowFired += evaluateChangesByRow(byRow, sync, references).result.fired.length;
        rowTimes.push(performance.now() - started);
        rowCpuTimes.push(cpu() - startedCpu);
      }
    }
    changes.push(sync.changes.length);
    looked.push(sync.changes.reduce((sum, change) => sum + (index.bucketFor(change.itemId)?.length ?? 0), 0));
  }
  if (fired !== rowFired) throw new Error(`the layouts disagree: ${fired} fired against ${rowFired}`);
  return { times, rowTimes, cpuTimes, rowCpuTimes, looked, changes, fired, referenceTimes, referenceItems: references.size, hours: market.hours.length };
}

/** Commit-to-client latency of each sync, and the sync's own duration, on a server with or without alerts. */
async function streamLatency(market: BenchMarket, rules: ReturnType<typeof generateRules> | null, dir: string) {
  const url = `sqlite:${join(dir, rules === null ? 'off.sqlite' : 'on.sqlite')}`;
  const fake = await startFakeUpstream();
  const standIn = await startPushStandIn();
  const store = await openDatabase(url);
  await storeWindows(store.db, market);
  if (rules !== null) {
    for (const [d, list] of rules.entries()) {
      const held = standIn.subscription(`d${d}`);
      await registerSubscription(store.db, { id: subscriptionId(held.endpoint), endpoint: held.endpoint, ...held.keys, clientAddress: '127.0.0.1', rules: list, limitResets: [], now: 1 });
    }
  }
  if (market.mapping !== null) fake.setMapping(market.mapping);
  const config = loadConfig({
    DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', UPSTREAM_URL: fake.url, SYNC_LATEST_INTERVAL: '1h', STATIC_DIR: '/nonexistent',
    SSE_HEARTBEAT_INTERVAL: '1h', SYNC_MAX_NEW_ITEMS: '100000',
    ...(rules === null ? {} : { VAPID_SUBJECT: 'mailto:bench@ge-tracker.example', PUSH_ENDPOINT_HOSTS: '127.0.0.1' }),
  });
  const running = await startServer(config, { store, logger: captureLogger().logger, metrics: createMetrics({ defaults: false }), startSync: false, pushAgent: standIn.agent });
  // Stamped as the sync hands its commit to the feed, before the stream encodes and writes it.
  let committedAt = 0;
  const publish = running.feed.publish;
  running.feed.publish = (committed) => {
    committedAt = performance.timeOrigin + performance.now();
    publish(committed);
  };
  const client = await spawnChild<ClientHandlers>(new URL('./alerts-stream-client.ts', import.meta.url).pathname);
  await client.call('open', `${running.url}/api/v1/prices/stream`);
  const latency: number[] = [];
  const syncs: number[] = [];
  try {
    await running.sync.runJob('mapping');
    for (let run = 0; run < STREAM_RUNS + 1; run += 1) {
      fake.setLatest(market.latest[run % market.latest.length]);
      const started = performance.now();
      await running.sync.runJob('latest');
      const done = performance.now();
      const [at] = await waitForArrival(client);
      // The first sync loads every price (and the alerts' index): not a steady-state one.
      if (run > 0 && at !== undefined) {
        latency.push(at - committedAt);
        syncs.push(done - started);
      }
      // Each sync's alerts are sent before the next sync, as they would be a minute apart.
      await running.push?.idle();
    }
  } finally {
    await client.call('close', undefined);
    await client.kill();
    await running.close();
    await standIn.close();
    await fake.close();
  }
  return { latency, syncs, pushes: standIn.pushes.length };
}

async function printEvaluation(market: BenchMarket, rules: ReturnType<typeof generateRules>, dir: string): Promise<void> {
  const e = await evaluation(market, rules, dir);
  printTable(`alert evaluation (${market.source} latest-series), ${DEVICES} devices x ${RULES} rules, ${RUNS} syncs, each through both layouts in turn`, [
    ['rows of objects (before, 747fcc5)', e.rowTimes, e.rowCpuTimes],
    ['packed rows per item (now)', e.times, e.cpuTimes],
  ].map(([name, times, cpuTimes]) => {
    const t = times as number[];
    const c = cpuTimes as number[];
    return {
      case: name as string,
      'changes p50': percentile(e.changes, 50),
      'rules looked at p50': percentile(e.looked, 50),
      'fired per sync': Math.round(e.fired / RUNS),
      'p50 ms': percentile(t, 50),
      'min ms': Math.min(...t),
      'p95 ms': percentile(t, 95),
      'max ms': Math.max(...t),
      'CPU p50 ms': percentile(c, 50),
      'CPU min ms': Math.min(...c),
      'target p50 ms': 20,
      result: percentile(t, 50) <= 20 ? 'ok' : 'MISSED',
    };
  }));
  printTable(`reading the references when a 5-minute window lands (${e.referenceItems} items, ${e.hours} hourly windows stored), 5 reads each`, [
    { read: 'afresh: every 5-minute and hourly bucket', 'p50 ms': percentile(e.referenceTimes.fresh, 50), 'max ms': Math.max(...e.referenceTimes.fresh) },
    { read: 'the service\'s reader: hourly part kept while the hours are unchanged', 'p50 ms': percentile(e.referenceTimes.kept, 50), 'max ms': Math.max(...e.referenceTimes.kept) },
  ]);
}

async function main(): Promise<void> {
  const market = loadMarket();
  const rules = generateRules(market, DEVICES, RULES);
  const dir = mkdtempSync(join(tmpdir(), 'ge-alerts-bench-'));
  try {
    if (process.env.ALERTS_PARTS !== 'stream') await printEvaluation(market, rules, dir);
    if (process.env.ALERTS_PARTS === 'evaluation') return;
    const off = await streamLatency(market, null, dir);
    const on = await streamLatency(market, rules, dir);
    printTable(`sync to stream, one client, ${STREAM_RUNS} syncs each`, [['alerts off', off], ['alerts on', on]].map(([name, r]) => {
      const t = r as typeof off;
      return {
        case: name as string,
        'commit to price-batch p50 ms': percentile(t.latency, 50),
        'p95 ms': percentile(t.latency, 95),
        'max ms': Math.max(...t.latency),
        'sync p50 ms': percentile(t.syncs, 50),
        pushes: t.pushes,
      };
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

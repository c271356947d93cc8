// `npm run bench -- cluster`: three instances (server/main.ts processes) on one PostgreSQL and
// their own redis-server, syncing real /latest snapshots (../shared/data/osrs-wiki/latest-series,
// served by a fake wiki on loopback) in turn. In one run:
// 1. delivery from the leader's commit to 2,000 stream clients on each instance, beside the same
//    6,000 clients on one instance of the same cluster (target: p99 <= 300 ms spread out);
// 2. every client converging after Redis restarts empty (median of 5);
// 3. failover after kill -9 of the leader: a new leader, and its first commit (median of 5);
// 4. the /latest ingest into PostgreSQL beside SQLite (the ingest bench's own measurement).
// Clients are raw sockets in a few lean load processes (bench/cluster-load.ts), timed from the
// leader's stamp in the live log to each socket's read (bench/cluster-fanout.ts).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/store/db';
import { readStreamState } from '../server/store/stream-state';
import { spawnInstance, type InstanceProcess } from '../tests/helpers/cluster-process';
import { startFakeUpstream } from '../tests/helpers/fake-upstream';
import { createPostgresDatabase, dropPostgresDatabases, postgresUnavailable } from '../tests/helpers/postgres-admin';
import { redisUnavailable, startTestRedis } from '../tests/helpers/redis-server';
import { createRandom } from '../tests/helpers/seeded-random';
import { waitFor } from '../tests/helpers/wait-for';
import { onPostgres, onSqlite, realSeries, type Timings } from './ingest.bench';
import { measureDelivery, startFanout, type DeliveryRow, type Fanout, type FanoutClient } from './cluster-fanout';
import { percentile, printTable } from './table';

const INSTANCES = 3;
const PER_INSTANCE = 2000;
const UNFILTERED_SHARE = 0.05;
const FILTER_SIZE = 10;
const MEASURED_SYNCS = 5;
const REPEATS = 5;
const SYNC_INTERVAL = '1s';
const LEASE_TTL = '5s';
const DATA = new URL('../../shared/data/osrs-wiki/', import.meta.url).pathname;
/** Load processes holding all the stream clients: few, on a 2-core machine. */
const LOAD_PROCESSES = 2;
const clock = (): number => performance.timeOrigin + performance.now();
const progress = (what: string): void => void process.stdout.write(`  ${what}\n`);

function readData(): { mapping: unknown; series: unknown[] } | null {
  const dir = join(DATA, 'latest-series');
  if (!existsSync(dir) || !existsSync(join(DATA, 'mapping.json'))) return null;
  const series = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);
  return { mapping: JSON.parse(readFileSync(join(DATA, 'mapping.json'), 'utf8')) as unknown, series };
}

async function main(): Promise<void> {
  const data = readData();
  const unavailable = data === null ? `no real data at ${DATA}` : redisUnavailable ?? (await postgresUnavailable());
  if (data === null || unavailable !== null) {
    process.stdout.write(`cluster bench skipped: ${unavailable}\n`);
    return;
  }
  const started = clock();
  const redis = await startTestRedis();
  const wiki = await startFakeUpstream();
  const { name, url } = await createPostgresDatabase('ge_bench_cluster');
  const store = await openDatabase(url);
  const prefix = 'bench:';
  const env = {
    DATABASE_URL: url, REDIS_URL: redis.url, REDIS_PREFIX: prefix, UPSTREAM_URL: wiki.url, UPSTREAM_RETRIES: '0',
    CLUSTER_LEASE_TTL: LEASE_TTL, SYNC_LATEST_INTERVAL: SYNC_INTERVAL, SSE_MAX_CLIENTS: '0', SSE_MAX_CLIENTS_PER_IP: '0',
    HOST: '127.0.0.1', STATIC_DIR: mkdtempSync(join(tmpdir(), 'ge-bench-static-')),
  };
  const instances: InstanceProcess[] = [];
  let spawned = 0;
  // A busy machine can take a while to start a process (tsx compiles the server first).
  const spawnOne = async (): Promise<void> => {
    instances.push(await spawnInstance(env, `bench-${(spawned += 1)}`, { logLevel: 'warn', startTimeoutMs: 120_000 }));
  };
  let fanout: Fanout | undefined;
  try {
    wiki.setMapping(data.mapping);
    wiki.setLatest(data.series[0]);
    await Promise.all(Array.from({ length: INSTANCES }, spawnOne));
    await waitFor('the first sync', async () => (await readStreamState(store.db)).seq > 0, 30_000);
    const rig = (fanout = await startFanout({ processes: LOAD_PROCESSES, redisUrl: redis.url, logKey: `${prefix}log` }));
    // Filters name items of the catalogue that trade: a stream refuses ids the catalogue lacks.
    const mapped = new Set((data.mapping as Array<{ id: number }>).map((item) => item.id));
    const ids = Object.keys((data.series[0] as { data: Record<string, unknown> }).data).map(Number).filter((id) => mapped.has(id));
    const random = createRandom(31);
    const clients: FanoutClient[] = Array.from({ length: INSTANCES * PER_INSTANCE }, (_, k) =>
      ({ instance: k % INSTANCES, filter: random.chance(UNFILTERED_SHARE) ? null : random.sample(ids, FILTER_SIZE) }));

    let snapshot = 0;
    /** Serves the next real snapshot; resolves with the seq of the commit it makes. */
    const nextCommit = async (): Promise<number> => {
      const before = (await readStreamState(store.db)).seq;
      snapshot += 1;
      wiki.setLatest(data.series[snapshot % data.series.length]);
      return waitFor('the commit', async () => {
        const { seq: now } = await readStreamState(store.db);
        return now > before ? now : undefined;
      }, 60_000);
    };
    const { received, dropAll } = rig;
    const portOf = (instance: InstanceProcess): number => Number(new URL(instance.url).port);
    const leaderNow = (among: InstanceProcess[]): Promise<InstanceProcess> => waitFor('a leader', async () => {
      for (const instance of among) if ((await instance.health())?.cluster?.role === 'leader') return instance;
      return undefined;
    }, 60_000);
    const delivery = (layout: string, among: InstanceProcess[]): Promise<DeliveryRow> => measureDelivery({
      fanout: rig, layout, clients, ports: among.map(portOf), syncs: MEASURED_SYNCS, nextCommit,
      instancePids: among.map((i) => i.child.pid),
    });

    // 1. Spread over three instances, then Redis restarts with those clients connected.
    const spread = await delivery(`${INSTANCES} instances x ${PER_INSTANCE}`, instances);
    progress(`delivery over ${INSTANCES} instances measured`);
    const restarts: number[] = [];
    let unconverged = 0;
    for (let r = 0; r < REPEATS; r += 1) {
      await redis.kill();
      const commit = nextCommit();
      await redis.start();
      const back = clock();
      const got = await received(await commit);
      unconverged += got.missing;
      restarts.push(Math.max(...got.at) - back);
    }
    await dropAll();
    progress('Redis restarts measured');

    // 2. The same clients on one instance (a follower: it reads the log like the others).
    const leader = await leaderNow(instances);
    const single = instances.find((i) => i !== leader) ?? leader;
    const one = await delivery(`1 instance x ${INSTANCES * PER_INSTANCE}`, [single]);
    await dropAll();
    progress('delivery on one instance measured');

    // 3. kill -9 of the leader, replaced by a new instance each time so three remain.
    const elected: number[] = [];
    const firstCommit: number[] = [];
    for (let r = 0; r < REPEATS; r += 1) {
      const old = await leaderNow(instances);
      const others = instances.filter((i) => i !== old);
      await old.kill();
      const killedAt = clock();
      instances.splice(instances.indexOf(old), 1);
      const commit = nextCommit();
      await leaderNow(others);
      elected.push(clock() - killedAt);
      await commit;
      firstCommit.push(clock() - killedAt);
      await spawnOne();
    }
    progress('failovers measured');

    // 4. The ingest bench's /latest measurement on both engines.
    const series = realSeries();
    const ingest: Array<[string, Timings | string]> = series === null ? [] : [
      ['SQLite, temp file, WAL', await onSqlite(series)],
      ['PostgreSQL', await onPostgres(series)],
    ];

    printTable(`delivery from the leader's commit to every client (real /latest snapshots, ${ids.length} mapped items; ${Math.round(UNFILTERED_SHARE * 100)}% unfiltered, the rest ${FILTER_SIZE}-item filters; one sync every ${SYNC_INTERVAL}). From the leader's stamp as its commit returned to each socket's read; "from ingest start": from the commit's data stamp, taken before its transaction. CPU: share of one core over the measured syncs`, [spread, one]);
    printTable(`Redis killed and restarted empty with ${INSTANCES * PER_INSTANCE} clients connected (${REPEATS} times): Redis answering to every client holding the next commit`, [{
      'median ms': percentile(restarts, 50), 'min ms': Math.min(...restarts), 'max ms': Math.max(...restarts), 'clients that missed it': unconverged,
    }]);
    printTable(`kill -9 of the leader (${REPEATS} times; CLUSTER_LEASE_TTL=${LEASE_TTL}, SYNC_LATEST_INTERVAL=${SYNC_INTERVAL})`, [
      { after: 'another instance leads', 'median ms': percentile(elected, 50), 'min ms': Math.min(...elected), 'max ms': Math.max(...elected) },
      { after: 'its first commit (/latest; a fresh catalogue is not fetched again)', 'median ms': percentile(firstCommit, 50), 'min ms': Math.min(...firstCommit), 'max ms': Math.max(...firstCommit) },
    ]);
    if (ingest.length > 0) {
      printTable('/latest ingest (the ingest bench: the sync\'s writer, diff + write + seq, atomic, 30 runs)', ingest.map(([engine, t]) => (typeof t === 'string'
        ? { engine, 'changes p50': '-', 'p50 ms': `skipped: ${t}`, 'p95 ms': '-', 'p99 ms': '-' }
        : { engine, 'changes p50': percentile(t.changes, 50), 'p50 ms': percentile(t.latest, 50), 'p95 ms': percentile(t.latest, 95), 'p99 ms': percentile(t.latest, 99) })));
    }
    printTable('targets', [
      { target: `delivery p99 <= 300 ms over ${INSTANCES} instances, every client served`, value: spread['p99 ms'], met: spread['p99 ms'] <= 300 && spread.missed === 0 && spread.failed === 0 ? 'yes' : 'NO' },
      { target: 'every client converges after each Redis restart', value: `${unconverged} missed`, met: unconverged === 0 ? 'yes' : 'NO' },
    ]);
  } finally {
    await Promise.all([fanout?.close(), ...instances.map((child) => child.kill())]);
    await store.close();
    await wiki.close();
    await redis.kill();
    await dropPostgresDatabases([name]);
    rmSync(env.STATIC_DIR, { recursive: true, force: true });
  }
  process.stdout.write(`\ncluster bench took ${((clock() - started) / 1000).toFixed(0)} s (figures on a shared 2-core machine are indicative)\n`);
}

await main();

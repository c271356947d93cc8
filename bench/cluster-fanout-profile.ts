// `npx tsx bench/cluster-fanout-profile.ts [clients]`: where a follower's CPU goes while it fans
// real syncs out to its stream clients. Starts a leader, then a follower under `node --cpu-prof`,
// connects the clients (5% unfiltered, the rest 10-item filters, as the cluster bench) to the
// follower through the bench's lean load processes, lets SYNCS real commits through, stops the
// follower with SIGTERM so it writes its profile, and prints the functions with the most self
// time. The .cpuprofile is kept (its path is printed) for Chrome's DevTools.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../server/store/db';
import { readStreamState } from '../server/store/stream-state';
import { spawnInstance, type InstanceProcess } from '../tests/helpers/cluster-process';
import { startFakeUpstream } from '../tests/helpers/fake-upstream';
import { createPostgresDatabase, dropPostgresDatabases } from '../tests/helpers/postgres-admin';
import { startTestRedis } from '../tests/helpers/redis-server';
import { createRandom } from '../tests/helpers/seeded-random';
import { waitFor } from '../tests/helpers/wait-for';
import { measureDelivery, startFanout, type FanoutClient } from './cluster-fanout';
import { printTable } from './table';

const CLIENTS = Number(process.argv[2] ?? 6000);
const SYNCS = 8;
const DATA = new URL('../../shared/data/osrs-wiki/', import.meta.url).pathname;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Self time per function (name, file, line), from the samples and their time deltas. */
function topSelfTime(file: string, count: number): Array<Record<string, string | number>> {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const us = profile.timeDeltas[i] ?? 0;
    total += us;
    const key = `${frame?.functionName || '(anonymous)'} ${(frame?.url ?? '').replace(/^.*\/(node_modules|server|bench)\//, '$1/')}:${(frame?.lineNumber ?? 0) + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
  });
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, count)
    .map(([fn, us]) => ({ function: fn, 'self ms': us / 1000, share: `${((100 * us) / total).toFixed(1)}%` }));
}

async function main(): Promise<void> {
  const dir = join(DATA, 'latest-series');
  const series = readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);
  const mapping = JSON.parse(readFileSync(join(DATA, 'mapping.json'), 'utf8')) as Array<{ id: number }>;
  const redis = await startTestRedis();
  const wiki = await startFakeUpstream();
  const { name, url } = await createPostgresDatabase('ge_bench_profile');
  const store = await openDatabase(url);
  const profiles = mkdtempSync(join(tmpdir(), 'ge-fanout-profile-'));
  const env = {
    DATABASE_URL: url, REDIS_URL: redis.url, REDIS_PREFIX: 'prof:', UPSTREAM_URL: wiki.url, UPSTREAM_RETRIES: '0',
    CLUSTER_LEASE_TTL: '5s', SYNC_LATEST_INTERVAL: '1s', SSE_MAX_CLIENTS: '0', SSE_MAX_CLIENTS_PER_IP: '0',
    HOST: '127.0.0.1', STATIC_DIR: mkdtempSync(join(tmpdir(), 'ge-bench-static-')),
  };
  const instances: InstanceProcess[] = [];
  const fanout = await startFanout({ processes: 2, redisUrl: redis.url, logKey: 'prof:log' });
  try {
    wiki.setMapping(mapping);
    wiki.setLatest(series[0]);
    const leader = await spawnInstance(env, 'leader', { logLevel: 'warn', startTimeoutMs: 120_000 });
    instances.push(leader);
    await waitFor('the first sync', async () => (await readStreamState(store.db)).seq > 0, 30_000);
    const follower = await spawnInstance(env, 'follower', {
      logLevel: 'warn', startTimeoutMs: 120_000, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profiles}`],
    });
    instances.push(follower);
    const ids = Object.keys((series[0] as { data: Record<string, unknown> }).data).map(Number).filter((id) => mapping.some((m) => m.id === id));
    const random = createRandom(31);
    const clients: FanoutClient[] = Array.from({ length: CLIENTS }, () => ({ instance: 0, filter: random.chance(0.05) ? null : random.sample(ids, 10) }));
    let snapshot = 0;
    const nextCommit = async (): Promise<number> => {
      const before = (await readStreamState(store.db)).seq;
      snapshot += 1;
      wiki.setLatest(series[snapshot % series.length]);
      return waitFor('the commit', async () => {
        const { seq } = await readStreamState(store.db);
        return seq > before ? seq : undefined;
      }, 60_000);
    };
    const row = await measureDelivery({
      fanout, layout: `1 follower x ${CLIENTS}`, clients, ports: [Number(new URL(follower.url).port)], syncs: SYNCS, nextCommit, instancePids: [follower.child.pid],
    });
    printTable('delivery while profiled (the profiler slows the follower down)', [row]);
    await fanout.dropAll();
    const exited = new Promise((resolve) => follower.child.once('exit', resolve));
    follower.child.kill('SIGTERM');
    await exited;
    const [file] = readdirSync(profiles).filter((f) => f.endsWith('.cpuprofile'));
    if (file === undefined) throw new Error('the follower wrote no profile');
    printTable(`the follower's self time by function (${join(profiles, file)})`, topSelfTime(join(profiles, file), 30));
  } finally {
    await fanout.close();
    await Promise.all(instances.map((i) => i.kill()));
    await store.close();
    await wiki.close();
    await redis.kill();
    await dropPostgresDatabases([name]);
    rmSync(env.STATIC_DIR, { recursive: true, force: true });
  }
}

await main();

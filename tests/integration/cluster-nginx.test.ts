// Three instances behind a real nginx running the deployed docs/deploy/nginx.conf: a price change
// reaches a stream through the proxy within one sync interval (nginx does not buffer the stream),
// and the per-IP stream limit counts the client's own address, which nginx passes on in
// X-Forwarded-For, not the proxy's: two clients on different addresses each get their allowance.
import { connect } from 'node:net';
import { afterEach, beforeAll, expect, it, type TestFunction } from 'vitest';
import { readStreamState } from '../../server/store/stream-state';
import { describeCluster, startTestCluster, type TestCluster } from '../helpers/cluster-harness';
import { useClusterClients, viewOf } from '../helpers/cluster-clients';
import { randomLatest, viewMismatches } from '../helpers/cluster-market';
import { nginxUnavailable, startNginx, type TestNginx } from '../helpers/nginx-proxy';
import { createRandom } from '../helpers/seeded-random';
import { openRawStream, type RawStream } from '../helpers/sse-reader';
import { waitFor } from '../helpers/wait-for';
import { LATEST } from '../helpers/wiki-fixtures';

const SYNC_INTERVAL_MS = 1000;
const PER_IP = 2;
const INSTANCES = 3;
const skip = nginxUnavailable !== null && process.env.CI !== 'true';
if (skip) console.warn(`skipping the nginx tests: ${nginxUnavailable}`);
const test = (title: string, fn: TestFunction): void => (skip ? it.skip(`${title} (skipped: ${nginxUnavailable})`, fn) : it(title, fn));

const t = useClusterClients();
let nginx: TestNginx | undefined;
const streams: RawStream[] = [];
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.close();
  await nginx?.stop();
  nginx = undefined;
});

async function clusterBehindNginx(createDatabase: () => Promise<string>): Promise<{ cluster: TestCluster; proxy: TestNginx }> {
  const cluster = t.cluster = await startTestCluster(await createDatabase(), INSTANCES, {
    TRUST_PROXY: 'true',
    SSE_MAX_CLIENTS_PER_IP: String(PER_IP),
    SYNC_LATEST_INTERVAL: `${SYNC_INTERVAL_MS}ms`,
  });
  await cluster.synced();
  const proxy = nginx = await startNginx(cluster.instances.map((i) => i.url));
  return { cluster, proxy };
}

async function open(proxy: TestNginx, headers: Record<string, string>, from?: string): Promise<RawStream> {
  const stream = await openRawStream(`${proxy.url}/api/v1/prices/stream`, headers, 'GET', from);
  streams.push(stream);
  if (stream.status !== 200) await waitFor('the refusal to end', () => stream.ended());
  return stream;
}

/** Whether this machine lets a socket connect from `address` (any 127.x.y.z normally does). */
function canBind(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress: address }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

describeCluster('the cluster behind nginx (docs/deploy/nginx.conf)', (createDatabase) => {
  beforeAll(() => {
    if (nginxUnavailable !== null && !skip) throw new Error(`${nginxUnavailable} (CI=true: the nginx tests must run)`);
  });

  test('delivers a price change through the proxy to a stream on every instance within one sync interval', async () => {
    const { cluster, proxy } = await clusterBehindNginx(createDatabase);
    const db = cluster.instances[0]?.store.db;
    if (db === undefined) throw new Error('no instance');
    const head = await readStreamState(db);
    // Round robin: one stream lands on each instance, each caught up from the start of the epoch.
    const clients = [];
    for (let i = 0; i < INSTANCES; i += 1) clients.push(await open(proxy, { 'Last-Event-ID': `${head.epoch}.0` }));
    expect(cluster.instances.map((i) => i.stream?.clientCount())).toEqual(cluster.instances.map(() => 1));
    for (const client of clients) {
      expect(client.status).toBe(200);
      expect(client.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(client.headers['content-encoding']).toBeUndefined();
    }
    cluster.wiki.setLatest({ data: randomLatest(createRandom(11), LATEST.data, 1) });
    const delays = await Promise.all(clients.map(async (client) => {
      const event = await client.next((e) => e.event === 'sync-complete' && Number(e.id?.split('.')[1]) > head.seq, 0, 10_000);
      const { timestamp } = JSON.parse(event.data) as { timestamp: string };
      return Date.now() - Date.parse(timestamp);
    }));
    process.stderr.write(`nginx: a commit reached streams on ${INSTANCES} instances through the proxy in ${delays.join(', ')} ms\n`);
    for (const delay of delays) expect(delay).toBeLessThan(SYNC_INTERVAL_MS);
    for (const client of clients) {
      expect(await viewMismatches(db, viewOf({ filter: null, stream: client }), null)).toEqual([]);
      expect(client.ended()).toBe(false);
    }
    expect(proxy.errors()).not.toMatch(/\[(error|crit|alert|emerg)\]/);
  });

  test('gives two clients on different addresses each their own per-IP allowance, whatever X-Forwarded-For they forge', async (ctx) => {
    const { cluster, proxy } = await clusterBehindNginx(createDatabase);
    const port = Number(new URL(proxy.url).port);
    const addresses = ['127.0.0.2', '127.0.0.3'];
    for (const address of addresses) {
      if (!(await canBind(address, port))) ctx.skip(`cannot connect from ${address} on this machine`);
    }
    const attempts = INSTANCES * (PER_IP + 1);
    for (const address of addresses) {
      const answers: RawStream[] = [];
      for (let i = 0; i < attempts; i += 1) answers.push(await open(proxy, { 'X-Forwarded-For': `198.51.100.${i}` }, address));
      // Each instance admits PER_IP from this address and refuses the rest, however the header varies.
      expect(answers.filter((s) => s.status === 200)).toHaveLength(INSTANCES * PER_IP);
      const refused = answers.filter((s) => s.status !== 200);
      expect(refused.map((s) => s.status)).toEqual(refused.map(() => 503));
      expect(refused[0]?.body()).toMatch(/this address has as many live connections/);
    }
    // Both addresses hold their allowance at once on every instance: the limit never saw the proxy's 127.0.0.1.
    expect(cluster.instances.map((i) => i.stream?.clientCount())).toEqual(cluster.instances.map(() => 2 * PER_IP));
  });
});

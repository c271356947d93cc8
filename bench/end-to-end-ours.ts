// Child process: our real server for the end-to-end benchmark. startServer on a real SQLite file,
// the real sync job against the fake wiki (fetch, the /latest screen and its zod schemas, the
// diff, the durable write, the announcement) and the real stream service. argv: wiki URL, folder.
import { join } from 'node:path';
import { loadConfig } from '../server/config';
import { createMetrics } from '../server/metrics';
import { startServer } from '../server/start';
import { serveParent } from './stream-ipc';
import { BACKLOG } from './stream-bench-hub';
import type { EndToEndCalls, EndToEndReady } from './end-to-end-calls';

const now = (): number => performance.timeOrigin + performance.now();

async function main(): Promise<void> {
  const [upstreamUrl = '', dir = ''] = process.argv.slice(2);
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'end-to-end.sqlite')}`, PORT: '0', HOST: '127.0.0.1', UPSTREAM_URL: upstreamUrl,
    STATIC_DIR: '/nonexistent', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent', UPSTREAM_RETRIES: '0',
    SSE_MAX_CLIENTS: '0', SSE_MAX_CLIENTS_PER_IP: '0', SSE_HEARTBEAT_INTERVAL: '1h',
  });
  const running = await startServer(config, { metrics: createMetrics({ defaults: false }), startSync: false, backfillHistory: null, backlog: BACKLOG });
  let last = { seq: 0, changes: 0, publishedAt: 0 };
  let flushed = Promise.resolve(0);
  // Subscribed after the stream service: this runs once the hub has written every client.
  running.feed.subscribe((committed) => {
    last = { seq: committed.seq, changes: committed.changes.length, publishedAt: now() };
    flushed = new Promise((resolve) => setImmediate(() => resolve(now())));
  });
  const runLatest = async (): Promise<void> => {
    if (!(await running.sync.runJob('latest'))) throw new Error('the /latest sync failed (LOG_LEVEL=warn says why)');
  };
  const handlers: EndToEndCalls = {
    prepare: async () => {
      if (!(await running.sync.runJob('mapping'))) throw new Error('the /mapping sync failed');
      await runLatest();
      return last.seq;
    },
    sync: async () => {
      const startedAt = now();
      await runLatest();
      const endedAt = now();
      return { ...last, startedAt, flushedAt: await flushed, endedAt };
    },
  };
  serveParent({ port: running.port } satisfies EndToEndReady, handlers);
}

void main();

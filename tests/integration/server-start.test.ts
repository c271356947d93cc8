// startServer as production calls it, several times in one process: each instance its own store,
// port and clock.
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { createMetrics } from '../../server/metrics';
import { startServer, type RunningServer } from '../../server/start';
import { HealthResponseSchema } from '../../shared/protocol/api';
import { ConnectedEventSchema } from '../../shared/protocol/events';
import { seedSyncState } from '../helpers/seed-store';
import { openRawStream } from '../helpers/sse-reader';

const running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

async function start(nowMs: number): Promise<RunningServer> {
  const config = loadConfig({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', STATIC_DIR: '/nonexistent' });
  const server = await startServer(config, { now: () => nowMs, metrics: createMetrics({ defaults: false }), startSync: false });
  running.push(server);
  return server;
}

describe('startServer', () => {
  it('runs two instances side by side, each answering by the clock it was given', async () => {
    const lastSync = Math.floor(Date.now() / 1000) - 86_400;
    // One instance's clock is a minute after the last sync, the other's is now: a day after it.
    const behind = await start((lastSync + 60) * 1000);
    const current = await start(Date.now());
    for (const server of running) await seedSyncState(server.store.db, 'latest', { lastSuccess: lastSync });
    expect(behind.url).not.toBe(current.url);

    const health = async (server: RunningServer) =>
      HealthResponseSchema.parse(await (await fetch(`${server.url}/api/v1/health`)).json());
    expect((await health(behind)).status).toBe('ok');
    expect((await health(current)).status).toBe('degraded');
    expect((await health(behind)).epoch).not.toBe((await health(current)).epoch);
  });

  it('gives the stream the same clock: connected carries the instance\'s time', async () => {
    const pinned = Date.UTC(2030, 0, 2, 3, 4, 5);
    const server = await start(pinned);
    const stream = await openRawStream(`${server.url}/api/v1/prices/stream`);
    try {
      const connected = ConnectedEventSchema.parse(JSON.parse((await stream.next((e) => e.event === 'connected')).data));
      expect(connected.timestamp).toBe(new Date(pinned).toISOString());
    } finally {
      stream.close();
    }
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { HealthResponseSchema } from '../../shared/protocol/api';
import type { StreamService } from '../../server/stream/stream-service';
import { seedCatalogue } from '../helpers/catalogue-fixture';
import { seedSyncState } from '../helpers/seed-store';
import { startTestApp, type TestApp } from '../helpers/test-app';

const now = Math.floor(Date.now() / 1000);
let t: TestApp | undefined;
afterEach(() => t?.close());

async function health(app: TestApp) {
  const res = await app.request('/api/v1/health');
  expect(res.status, res.text).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  return HealthResponseSchema.parse(res.json());
}

const streamWith = (clients: number): StreamService => ({
  start: async () => {},
  handle: async () => {},
  clientCount: () => clients,
  close: async () => {},
});

describe('GET /api/v1/health', () => {
  it('is ok after a recent latest sync and reports every job, the cursor and connected clients', async () => {
    t = await startTestApp({
      deps: { stream: streamWith(3) },
      seed: async (db) => {
        await seedCatalogue(db, now);
        await seedSyncState(db, 'mapping', { lastSuccess: now - 3_600 });
        await seedSyncState(db, 'latest', { lastSuccess: now - 30, lastError: 'timeout', lastErrorAt: now - 600 });
        await seedSyncState(db, '5m', { lastSuccess: null, lastError: 'HTTP 503', lastErrorAt: now - 100 });
      },
    });
    const body = await health(t);
    expect(body).toMatchObject({
      status: 'ok', demo: false, epoch: t.state.epoch, seq: 7, clients: 3,
      upstream: { lastSuccess: now - 30, lastError: 'timeout', lastErrorAt: now - 600 },
    });
    expect(Object.keys(body.upstream.jobs).sort()).toEqual(['5m', 'latest', 'mapping']);
    expect(body.upstream.jobs['5m']).toEqual({ lastSuccess: null, lastError: 'HTTP 503', lastErrorAt: now - 100 });
  });

  it('is degraded when the last latest sync failed after the last success', async () => {
    t = await startTestApp({
      seed: (db) => seedSyncState(db, 'latest', { lastSuccess: now - 60, lastError: 'HTTP 500', lastErrorAt: now - 1 }),
    });
    expect(await health(t)).toMatchObject({ status: 'degraded', upstream: { lastError: 'HTTP 500' } });
  });

  it('is degraded when no latest sync succeeded within three intervals', async () => {
    t = await startTestApp({
      env: { SYNC_LATEST_INTERVAL: '60s' },
      seed: (db) => seedSyncState(db, 'latest', { lastSuccess: now - 181 }),
    });
    expect((await health(t)).status).toBe('degraded');
  });

  it('is degraded before the first sync, with no clients when the stream is off', async () => {
    t = await startTestApp();
    expect(await health(t)).toMatchObject({
      status: 'degraded', seq: 0, clients: 0,
      upstream: { lastSuccess: null, lastError: null, lastErrorAt: null, jobs: {} },
    });
  });

  it('says when it serves demo data', async () => {
    t = await startTestApp({ env: { DEMO: 'true' }, seed: (db) => seedSyncState(db, 'latest', { lastSuccess: now }) });
    expect(await health(t)).toMatchObject({ demo: true, status: 'ok' });
  });
});

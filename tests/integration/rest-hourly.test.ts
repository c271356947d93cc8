import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HourlyResponseSchema } from '../../shared/protocol/hourly';
import { ingestWindow } from '../../server/store/windows-repo';
import { ID, seedCatalogue } from '../helpers/catalogue-fixture';
import { startTestApp, type TestApp } from '../helpers/test-app';

const now = Math.floor(Date.now() / 1000);
const lastHour = now - (now % 3600) - 3600;
const bucket = (itemId: number, timestamp: number, avgHigh: number | null, avgLow: number | null) => ({ itemId, timestamp, avgHigh, avgLow, highVolume: 7, lowVolume: 3 });

async function hourly(t: TestApp, headers: Record<string, string> = {}) {
  return t.request('/api/v1/prices/hourly', { headers });
}

describe('GET /api/v1/prices/hourly', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: (db) => seedCatalogue(db, now) });
  });
  afterAll(() => t.close());

  it('answers no window and no items while the store holds no hour', async () => {
    const res = await hourly(t);
    expect(res.status, res.text).toBe(200);
    expect(HourlyResponseSchema.parse(res.json())).toEqual({ timestep: '1h', timestamp: null, items: {} });
  });

  it('answers every item of the newest hour only, as [avgHigh, avgLow, highVolume, lowVolume]', async () => {
    await ingestWindow(t.db, '1h', lastHour - 3600, [bucket(ID.whip, lastHour - 3600, 1_500_000, 1_400_000), bucket(ID.nature, lastHour - 3600, 100, 90)]);
    await ingestWindow(t.db, '1h', lastHour, [bucket(ID.whip, lastHour, 1_710_000, 1_690_000), bucket(ID.bond, lastHour, null, 13_000_000)]);
    const res = await hourly(t);
    expect(res.status).toBe(200);
    expect(HourlyResponseSchema.parse(res.json())).toEqual({
      timestep: '1h',
      timestamp: lastHour,
      items: { [ID.whip]: [1_710_000, 1_690_000, 7, 3], [ID.bond]: [null, 13_000_000, 7, 3] },
    });
  });

  it('carries an ETag, answers 304 while the hour is the same and the new body once a newer hour is stored', async () => {
    const first = await hourly(t);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const again = await hourly(t, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');

    await ingestWindow(t.db, '1h', lastHour + 3600, [bucket(ID.nature, lastHour + 3600, 120, 110)]);
    const newer = await hourly(t, { 'if-none-match': etag });
    expect(newer.status).toBe(200);
    expect(newer.headers.etag).not.toBe(etag);
    expect(HourlyResponseSchema.parse(newer.json()).items).toEqual({ [ID.nature]: [120, 110, 7, 3] });
  });
});

// GET /api/v1/prices/hourly: the newest stored 1h window, every item in it, for the device's
// "unstable" flag. The answer changes once an hour, so it is built once per window (serialised,
// with its ETag) and each request costs one indexed read of the newest window's start; a device
// that already holds it gets a bodiless 304.
import type Router from '@koa/router';
import type { HourlyEntry, HourlyResponse } from '../../shared/protocol/hourly';
import type { AppDeps } from '../app-deps';
import { readWindowBuckets } from '../store/history-query';
import { readNewestWindow } from '../store/windows-repo';
import { prepareJson, sendPreparedJson, type PreparedJson } from './cacheable-json';

export function registerHourlyRoutes(router: Router, deps: Pick<AppDeps, 'db'>): void {
  let cached: { timestamp: number | null; answer: PreparedJson } | null = null;
  const build = async (timestamp: number | null): Promise<PreparedJson> => {
    const items: Record<string, HourlyEntry> = {};
    if (timestamp !== null) {
      for (const b of await readWindowBuckets(deps.db, '1h', timestamp)) items[b.itemId] = [b.avgHighPrice, b.avgLowPrice, b.highPriceVolume, b.lowPriceVolume];
    }
    const body: HourlyResponse = { timestep: '1h', timestamp, items };
    return prepareJson(body);
  };

  router.get('/api/v1/prices/hourly', async (ctx) => {
    const newest = await readNewestWindow(deps.db, '1h');
    if (cached?.timestamp !== newest) cached = { timestamp: newest, answer: await build(newest) };
    sendPreparedJson(ctx, cached.answer, { changesRarely: true });
  });
}

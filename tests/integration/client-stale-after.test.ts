// The stale marks on the device follow the server's STALE_AFTER: the health answer says it, the
// device keeps it, and it still holds when the server cannot be reached.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../client/api';
import { openTestDb } from '../../client/db/test-db';
import { createAppData } from '../../client/state/app-data';
import { figuresOf } from '../../client/table/row-figures';
import { seedItems, seedLatest } from '../helpers/seed-store';
import { startTestApp, type TestApp } from '../helpers/test-app';

const now = Math.floor(Date.now() / 1000);
const NINETY_MINUTES = 90 * 60;
let t: TestApp | undefined;
afterEach(() => t?.close());

describe("the device's stale threshold", () => {
  it("follows a server with STALE_AFTER=2h: a 90-minute-old leg is fresh, online and offline", async () => {
    t = await startTestApp({
      env: { STALE_AFTER: '2h' },
      seed: async (db) => {
        await seedItems(db, [{ id: 4151, name: 'Abyssal whip', limit: 70, highalch: 72_000 }]);
        await seedLatest(db, [{ itemId: 4151, high: 1_716_616, highTime: now - NINETY_MINUTES, low: 1_700_000, lowTime: now - NINETY_MINUTES }]);
      },
    });
    const db = await openTestDb();
    const online = createAppData({ db, api: createApi({ baseUrl: `${t.url}/api/v1` }), offline: () => false, now: () => now });
    await online.refresh();
    expect(online.refreshError()).toBeNull();
    const whip = online.items().find((item) => item.id === 4151);
    if (!whip) throw new Error('the catalogue did not arrive');
    expect(figuresOf(whip, online.prices[4151], now, online.staleAfter()).stale).toBe(false);

    // Later, with the server out of reach: the device's copy still knows the server's threshold.
    const unreachable = () => Promise.reject(new TypeError('fetch failed'));
    const offline = createAppData({ db, api: createApi({ fetch: unreachable }), offline: () => true, now: () => now });
    await offline.refresh();
    expect(offline.refreshError()).not.toBeNull();
    expect(offline.staleAfter()).toBe(7200);
    expect(figuresOf(whip, offline.prices[4151], now, offline.staleAfter()).stale).toBe(false);
    db.close();
  });
});

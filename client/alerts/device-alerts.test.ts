import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { FiredAlert } from '../../shared/protocol/alerts';
import { listFired, putAlert, recordFired, type StoredAlert } from '../db/alerts';
import { applyPrices } from '../db/prices';
import { openTestDb } from '../db/test-db';
import { createLiveApplier } from '../live/live-applier';
import { parseStreamMessage } from '../live/stream-messages';
import { showFired, type BannerAlert } from './alerts-runtime';
import { createDeviceAlerts } from './device-alerts';

const NOW = 1_800_000_000;
const AT = new Date(NOW * 1000).toISOString();

function rule(id: string, itemId: number, change: Partial<StoredAlert>): StoredAlert {
  return { id, itemId, kind: 'threshold', measure: 'sell', op: 'above', target: 2_000_000, mode: 'instant', window: '1h', expiresAt: null, cooldownSeconds: 1800, enabled: true, createdAt: 1, ...change };
}

/** The phone's leader tab: the live applier storing batches, the device's alerts after each. */
async function leaderTab(access: 'granted' | 'default' = 'granted') {
  const db = await openTestDb();
  await applyPrices(db, [{ itemId: 4151, high: 1_716_616, highTime: NOW - 60, low: 1_700_000, lowTime: NOW - 60, seq: 10 }], { epoch: 'e1', seq: 10 });
  const notifications: Array<{ title: string; tag: string | undefined; body: string | undefined }> = [];
  const banner: BannerAlert[] = [];
  let recorded = 0;
  const alerts = createDeviceAlerts({
    db,
    now: () => NOW,
    recorded: () => (recorded += 1),
    show: async (fired, stored) => {
      await showFired(fired, stored, {
        access: () => access,
        registration: async () => ({ showNotification: async (title, options) => void notifications.push({ title, tag: options?.tag, body: options?.body }) }),
        itemName: (id) => (id === 4151 ? 'Abyssal whip' : null),
        toBanner: (entry) => banner.push(entry),
      });
    },
  });
  let evaluating: Promise<void> = Promise.resolve();
  const applier = createLiveApplier({
    db,
    fetchSnapshot: () => Promise.reject(new Error('no snapshot expected')),
    applied: () => (evaluating = alerts.evaluate()),
    replaced: () => (evaluating = alerts.evaluate()),
    synced: () => undefined,
    failed: (error) => {
      throw error;
    },
  });
  await applier.handle(parseStreamMessage('connected', JSON.stringify({ client_id: 'c', timestamp: AT, epoch: 'e1', seq: 10 }), '')!);
  const trade = async (seq: number, itemId: number, high: number, low: number, time: number) => {
    const body = { seq, updates: [{ item_id: itemId, high, low, high_time: time, low_time: time, timestamp: AT, seq }] };
    await applier.handle(parseStreamMessage('price-batch', JSON.stringify(body), `e1.${seq}`)!);
    await evaluating;
  };
  return { db, trade, notifications, banner, recorded: () => recorded };
}

describe('the device’s alerts on the leader tab', () => {
  it('notifies through the service worker once the condition held on two batches with newer trades', async () => {
    const tab = await leaderTab();
    await putAlert(tab.db, rule('whip', 4151, {}));
    await tab.trade(11, 4151, 2_100_000, 2_050_000, NOW - 30);
    expect(tab.notifications).toEqual([]);
    await tab.trade(12, 4151, 2_150_000, 2_060_000, NOW - 10);
    expect(tab.notifications).toEqual([{ title: 'Abyssal whip: Sell price above 2M', tag: 'alert-whip', body: 'Now 2,150,000 gp · price 2,150,000 gp' }]);
    expect((await listFired(tab.db)).map((f) => `${f.alertId}@${f.seq}:${f.source}`)).toEqual(['whip@12:device']);
    expect(tab.recorded()).toBe(1);
    // Still above the target: edge-triggered, it does not fire again.
    await tab.trade(13, 4151, 2_200_000, 2_070_000, NOW - 5);
    expect(tab.notifications).toHaveLength(1);
  });

  it('shows nothing for a one-off spike that is gone at the next batch', async () => {
    const tab = await leaderTab();
    await putAlert(tab.db, rule('dip', 2, { measure: 'buy', op: 'below', target: 150 }));
    await tab.trade(11, 2, 193, 188, NOW - 50);
    await tab.trade(12, 2, 193, 140, NOW - 40);
    await tab.trade(13, 2, 193, 189, NOW - 30);
    await tab.trade(14, 2, 193, 190, NOW - 20);
    expect(tab.notifications).toEqual([]);
    expect(await listFired(tab.db)).toEqual([]);
  });

  it('skips what the server already pushed at the same seq, and still fires later ones', async () => {
    const tab = await leaderTab();
    await putAlert(tab.db, rule('whip', 4151, { cooldownSeconds: 0 }));
    const pushed: FiredAlert = { alertId: 'whip', itemId: 4151, measure: 'sell', kind: 'threshold', value: 2_150_000, price: 2_150_000, seq: 12, firedAt: NOW };
    await recordFired(tab.db, [{ ...pushed, source: 'push' }]);
    await tab.trade(11, 4151, 2_100_000, 2_050_000, NOW - 30);
    await tab.trade(12, 4151, 2_150_000, 2_060_000, NOW - 20);
    expect(tab.notifications).toEqual([]);
    expect((await listFired(tab.db)).map((f) => `${f.alertId}@${f.seq}:${f.source}`)).toEqual(['whip@12:push']);
    // Back under the target (re-arms), then above it again on two batches: a new firing the server has not told.
    await tab.trade(13, 4151, 1_900_000, 1_850_000, NOW - 15);
    await tab.trade(14, 4151, 2_100_000, 2_050_000, NOW - 10);
    await tab.trade(15, 4151, 2_120_000, 2_060_000, NOW - 5);
    expect(tab.notifications.map((n) => n.tag)).toEqual(['alert-whip']);
    expect((await listFired(tab.db)).map((f) => `${f.seq}:${f.source}`)).toEqual(['15:device', '12:push']);
  });

  it('shows an in-app banner instead when notifications are not allowed, and ignores switched-off rules', async () => {
    const tab = await leaderTab('default');
    await putAlert(tab.db, rule('whip', 4151, {}));
    await putAlert(tab.db, rule('off', 4151, { enabled: false, target: 1_000_000 }));
    await tab.trade(11, 4151, 2_100_000, 2_050_000, NOW - 30);
    await tab.trade(12, 4151, 2_150_000, 2_060_000, NOW - 10);
    expect(tab.notifications).toEqual([]);
    expect(tab.banner).toEqual([{ tag: 'alert-whip', title: 'Abyssal whip: Sell price above 2M', body: 'Now 2,150,000 gp · price 2,150,000 gp', itemId: 4151 }]);
    expect((await listFired(tab.db)).map((f) => f.alertId)).toEqual(['whip']);
  });
});

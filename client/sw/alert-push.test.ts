import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { listFired, putAlert } from '../db/alerts';
import { claimLimitResets } from '../db/limit-shown';
import { openTestDb } from '../db/test-db';
import { alertTarget, handleAlertPush, openAlertTarget, type AlertPushDeps } from './alert-push';

const FIRED = { alertId: 'whip1', itemId: 4151, measure: 'buy', kind: 'threshold', value: 1_400_000, price: 1_400_000, seq: 77, firedAt: 1_800_000_000 } as const;

async function world() {
  const db = await openTestDb();
  await db.put('items', { id: 4151, name: 'Abyssal whip', examine: '', members: true, icon: 'Abyssal whip.png', limit: 70, value: 1, lowalch: 1, highalch: 1, volume1h: 1, volume24h: 1 });
  const shown: Array<{ title: string; options: NotificationOptions }> = [];
  const told: unknown[] = [];
  const deps: AlertPushDeps = {
    openDb: async () => db,
    showNotification: async (title, options) => void shown.push({ title, options }),
    tellClients: async (message) => void told.push(message),
  };
  return { db, shown, told, deps };
}

describe('a pushed alert in the service worker', () => {
  it('is shown with the rule’s words and the device’s tag, recorded in the fired history, and told to the pages', async () => {
    const { db, shown, told, deps } = await world();
    await putAlert(db, { id: 'whip1', itemId: 4151, kind: 'threshold', measure: 'buy', op: 'below', target: 1_500_000, mode: 'instant', window: '1h', expiresAt: null, cooldownSeconds: 1800, enabled: true, createdAt: 1 });
    await handleAlertPush(JSON.stringify(FIRED), deps);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe('Abyssal whip: Buy price below 1.5M');
    expect(shown[0]?.options).toMatchObject({ tag: 'alert-whip1', body: 'Now 1,400,000 gp · price 1,400,000 gp', data: { alertId: 'whip1', itemId: 4151, seq: 77, price: 1_400_000 } });
    expect((await listFired(db)).map((f) => `${f.alertId}@${f.seq}:${f.source}`)).toEqual(['whip1@77:push']);
    expect(told).toEqual([{ type: 'alert-shown', tag: 'alert-whip1', alertId: 'whip1', seq: 77 }]);
    db.close();
  });

  it('shows a pushed buy-limit reset under the device\'s tag and marks it told, so an open tab does not tell it again', async () => {
    const { db, shown, told, deps } = await world();
    await handleAlertPush(JSON.stringify({ type: 'limit-reset', itemId: 4151, at: 1_800_000_000 }), deps);
    expect(shown).toEqual([{ title: 'Abyssal whip: buy limit reset', options: expect.objectContaining({ tag: 'limit-4151', body: 'Its 4-hour window ended: you can buy all 70 again.', data: { itemId: 4151, at: 1_800_000_000 } }) }]);
    expect(told).toEqual([{ type: 'alert-shown', tag: 'limit-4151', alertId: null, seq: null }]);
    expect(await claimLimitResets(db, [{ itemId: 4151, at: 1_800_000_000 }], 1_800_000_000)).toEqual([]);
    expect(await listFired(db)).toEqual([]);
    db.close();
  });

  it('still shows something for a push it cannot read, and records nothing', async () => {
    const { db, shown, deps } = await world();
    await handleAlertPush('{"not":"an alert"', deps);
    await handleAlertPush(null, deps);
    expect(shown.map((s) => s.options.tag)).toEqual(['alert-unknown', 'alert-unknown']);
    expect(await listFired(db)).toEqual([]);
    db.close();
  });

  it('shows the alert even when the device database cannot be opened', async () => {
    const { db, shown, deps } = await world();
    await handleAlertPush(JSON.stringify(FIRED), { ...deps, openDb: () => Promise.reject(new Error('blocked')) });
    expect(shown[0]?.title).toBe('Item 4151: Buy price');
    db.close();
  });
});

describe('clicking an alert’s notification', () => {
  it('opens the item’s page, or the alerts page when the notification names no item', () => {
    expect(alertTarget({ alertId: 'a', itemId: 4151, seq: 1, price: 1 }, 'Abyssal whip')).toBe('/items/4151/abyssal-whip');
    expect(alertTarget({ itemId: 4151 }, null)).toBe('/items/4151');
    expect(alertTarget(undefined, null)).toBe('/alerts');
    expect(alertTarget({ itemId: -3 }, null)).toBe('/alerts');
  });

  it('focuses an open window and takes it to the item, or opens a window when none is open', async () => {
    const steps: string[] = [];
    const open = { focus: async () => steps.push('focus'), navigate: async (url: string) => steps.push(`navigate ${url}`) };
    await openAlertTarget('/items/4151', { windows: async () => [open], openWindow: async (url) => steps.push(`open ${url}`) });
    await openAlertTarget('/items/2', { windows: async () => [], openWindow: async (url) => steps.push(`open ${url}`) });
    const unfocusable = { focus: () => Promise.reject(new Error('InvalidAccessError')), navigate: async (url: string) => steps.push(`navigate ${url}`) };
    await openAlertTarget('/items/3', { windows: async () => [unfocusable], openWindow: async (url) => steps.push(`open ${url}`) });
    const refusing = { focus: async () => steps.push('focus'), navigate: () => Promise.reject(new TypeError('not controlled')) };
    await openAlertTarget('/items/4', { windows: async () => [refusing], openWindow: async (url) => steps.push(`open ${url}`) });
    expect(steps).toEqual(['focus', 'navigate /items/4151', 'open /items/2', 'navigate /items/3', 'focus']);
  });
});

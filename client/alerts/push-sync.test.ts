import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { NetworkError } from '../api';
import { deleteAlert, putAlert, type StoredAlert } from '../db/alerts';
import { readMeta } from '../db/meta';
import { openTestDb } from '../db/test-db';
import type { LimitReset } from '../../shared/domain/limit-resets';
import { base64UrlToBytes, createPushSync, type NotificationAccess, type PushState } from './push-sync';

const KEY = 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U';
const AUTH = 'aGVsbG8td29ybGQtYXV0aDE';

const resetWords = (resets: readonly LimitReset[]) => (resets.length === 0 ? '' : ` resets ${resets.map((r) => `${r.itemId}@${r.at}`).join(',')}`);

function rule(id: string, enabled = true): StoredAlert {
  return { id, itemId: 4151, kind: 'threshold', measure: 'buy', op: 'below', target: 1_000_000, mode: 'instant', window: '1h', expiresAt: null, cooldownSeconds: 1800, enabled, createdAt: 1 };
}

async function device(options: { access?: NotificationAccess; key?: string | null; resets?: () => LimitReset[] } = {}) {
  const db = await openTestDb();
  const calls: string[] = [];
  const states: PushState[] = [];
  let offline = false;
  let retry: (() => void) | null = null;
  let heldKey: ArrayBuffer | null = null;
  const subscription = {
    endpoint: 'https://push.example/abc',
    options: { get applicationServerKey() { return heldKey; } },
    toJSON: () => ({ endpoint: 'https://push.example/abc', keys: { p256dh: 'p256', auth: AUTH } }),
    unsubscribe: async () => { calls.push('unsubscribe'); heldKey = null; return true; },
  };
  let subscribed = false;
  const pushManager = {
    getSubscription: async () => (subscribed ? subscription : null),
    subscribe: async (init: PushSubscriptionOptionsInit) => {
      calls.push(`subscribe userVisibleOnly=${String(init.userVisibleOnly)}`);
      subscribed = true;
      heldKey = (init.applicationServerKey as Uint8Array).buffer as ArrayBuffer;
      return subscription;
    },
  };
  const net = <T>(value: T) => (offline ? Promise.reject(new NetworkError('offline')) : Promise.resolve(value));
  const sync = createPushSync({
    db,
    access: () => options.access ?? 'granted',
    setState: (state) => states.push(state),
    registration: async () => ({ pushManager }) as unknown as ServiceWorkerRegistration,
    onOnline: (again) => (retry = again),
    ...(options.resets === undefined ? {} : { limitResets: async () => options.resets!() }),
    api: {
      pushKey: () => net(options.key === undefined ? KEY : options.key),
      registerSubscription: (sub, rules, resets) => (calls.push(`POST ${sub.endpoint} ${rules.map((r) => r.id).join(',')}${resetWords(resets)}`), net({ id: 'sub1', rules: rules.length, created: true })),
      replaceRules: (id, auth, rules, resets) => (calls.push(`PUT ${id} ${auth} ${rules.map((r) => r.id).join(',')}${resetWords(resets)}`), net(undefined)),
      deleteSubscription: (id, auth) => (calls.push(`DELETE ${id} ${auth}`), net(undefined)),
    },
  });
  return { db, sync, calls, states, goOffline: (value: boolean) => (offline = value), online: () => retry?.(), setHeldKey: (key: ArrayBuffer) => (heldKey = key) };
}

describe('the push subscription following the rules', () => {
  it('registers on start with the rules that are on, replaces them on a change, and deletes when none is left', async () => {
    const d = await device();
    await putAlert(d.db, rule('a'));
    await putAlert(d.db, rule('off', false));
    await d.sync.start();
    await putAlert(d.db, rule('b'));
    await d.sync.rulesChanged();
    await deleteAlert(d.db, 'a');
    await deleteAlert(d.db, 'b');
    await d.sync.rulesChanged();
    expect(d.calls).toEqual(['subscribe userVisibleOnly=true', 'POST https://push.example/abc a', `PUT sub1 ${AUTH} a,b`, `DELETE sub1 ${AUTH}`]);
    expect(d.states).toEqual(['on', 'on', 'none']);
    expect(await readMeta(d.db, 'pushSubscription')).toBeUndefined();
  });

  it('registers again on every start, so a subscription the server lost comes back', async () => {
    const d = await device();
    await putAlert(d.db, rule('a'));
    await d.sync.start();
    await d.sync.start();
    expect(d.calls.filter((call) => call.startsWith('POST'))).toHaveLength(2);
    expect(await readMeta(d.db, 'pushSubscription')).toEqual({ id: 'sub1', auth: AUTH });
  });

  it('sends nothing while notifications are not allowed, or when the server has push off', async () => {
    const blocked = await device({ access: 'denied' });
    await putAlert(blocked.db, rule('a'));
    await blocked.sync.start();
    expect(blocked.calls).toEqual([]);
    expect(blocked.states).toEqual(['not-allowed']);
    const off = await device({ key: null });
    await putAlert(off.db, rule('a'));
    await off.sync.start();
    expect(off.calls).toEqual([]);
    expect(off.states).toEqual(['off']);
  });

  it('waits offline and sends the newest rules once back online', async () => {
    const d = await device();
    await putAlert(d.db, rule('a'));
    d.goOffline(true);
    await d.sync.start();
    await putAlert(d.db, rule('b'));
    await d.sync.rulesChanged();
    expect(d.states).toEqual(['queued', 'queued']);
    d.goOffline(false);
    d.online();
    await d.sync.rulesChanged();
    expect(d.calls.filter((call) => !call.startsWith('subscribe'))).toContain('POST https://push.example/abc a,b');
    expect(d.states.at(-1)).toBe('on');
  });

  it('subscribes afresh when the held subscription was made with another server key', async () => {
    const d = await device();
    await putAlert(d.db, rule('a'));
    await d.sync.start();
    d.setHeldKey(new Uint8Array([1, 2, 3]).buffer);
    await d.sync.start();
    expect(d.calls.filter((call) => call.startsWith('subscribe') || call === 'unsubscribe')).toEqual(['subscribe userVisibleOnly=true', 'unsubscribe', 'subscribe userVisibleOnly=true']);
    expect(base64UrlToBytes('AQID')).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('sends the buy-limit resets to come with the start\'s POST, a PUT only when they change, and keeps a restart a POST', async () => {
    let resets: LimitReset[] = [{ itemId: 4151, at: 5000 }];
    const d = await device({ resets: () => resets });
    await d.sync.start();
    await d.sync.limitResetsChanged();
    expect(d.calls).toEqual(['subscribe userVisibleOnly=true', 'POST https://push.example/abc  resets 4151@5000']);
    resets = [{ itemId: 4151, at: 5000 }, { itemId: 2, at: 6000 }];
    await d.sync.limitResetsChanged();
    expect(d.calls.at(-1)).toBe(`PUT sub1 ${AUTH}  resets 4151@5000,2@6000`);
    await d.sync.start();
    expect(d.calls.at(-1)).toBe('POST https://push.example/abc  resets 4151@5000,2@6000');
    // None left to come and no rule on: nothing for the server to push.
    resets = [];
    await d.sync.limitResetsChanged();
    expect(d.calls.at(-1)).toBe(`DELETE sub1 ${AUTH}`);
    expect(d.states.at(-1)).toBe('none');
  });
});

// Buy-limit resets pushed to a closed app: the device registers the resets its journal's windows
// end with, and the server's timer pushes each when its time comes, to the stand-in push service
// over HTTPS on loopback, under the tag the device itself would show it with.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { listLimitResets } from '../../server/store/limit-resets-repo';
import { findSubscription } from '../../server/store/push-subscriptions-repo';
import type { LimitReset } from '../../shared/domain/limit-resets';
import { describeEachEngine, type EngineUnderTest } from '../helpers/store-engines';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream';
import { startPushStandIn, type HeldSubscription, type PushStandIn } from '../helpers/push-standin';
import { startSyncHarness, type SyncHarness } from '../helpers/sync-harness';
import { MAPPING, T0 } from '../helpers/wiki-fixtures';
import { waitFor } from '../helpers/wait-for';

describeEachEngine('buy-limit resets pushed by the server', (engine: EngineUnderTest) => {
  let fake: FakeUpstream;
  let standIn: PushStandIn;
  let harness: SyncHarness;
  let dir: string;
  /** The server's clock: a fixed time the test moves, or (null) the real one. */
  let clock: number | null = T0 * 1000;
  const now = () => clock ?? Date.now();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'push-limits-'));
    const databaseUrl = engine.name === 'sqlite' ? `sqlite:${join(dir, 'store.sqlite')}` : await engine.createDatabase();
    clock = T0 * 1000;
    fake = await startFakeUpstream();
    fake.setMapping(MAPPING);
    standIn = await startPushStandIn();
    harness = await startSyncHarness(fake, {
      databaseUrl, now, pushAgent: standIn.agent,
      env: { VAPID_SUBJECT: 'mailto:ops@ge-tracker.example', PUSH_ENDPOINT_HOSTS: '127.0.0.1', PUSH_TIMEOUT: '60s' },
    });
    expect(await harness.sync.runJob('mapping')).toBe(true);
  });
  afterEach(async () => {
    await harness.close();
    await standIn.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function send(method: 'POST' | 'PUT', path: string, body: unknown, auth?: string) {
    const res = await fetch(`${harness.url}/api/v1/push/subscriptions${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(auth === undefined ? {} : { Authorization: `Bearer ${auth}` }) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { id: string; limitResets?: number; error?: { code: string } } };
  }
  const register = (held: HeldSubscription, limitResets: unknown) =>
    send('POST', '', { subscription: { endpoint: held.endpoint, keys: held.keys }, rules: [], limitResets });

  it('pushes a registered reset once when its time comes, with the limit tag, readable only with the device\'s keys', async () => {
    const phone = standIn.subscription('phone');
    const reset: LimitReset = { itemId: 4151, at: T0 + 600 };
    const registered = await register(phone, [reset, { itemId: 2, at: T0 + 7200 }]);
    expect([registered.status, registered.body.limitResets]).toEqual([201, 2]);
    await harness.push!.idle();
    expect(standIn.pushes).toEqual([]);

    clock = (T0 + 600) * 1000;
    harness.push!.limitResetsChanged();
    await waitFor('the reset to be pushed', () => standIn.pushes.length === 1);
    const push = standIn.pushes[0]!;
    expect(push.path).toBe('/push/phone');
    expect(standIn.open(push, phone)).toEqual({ type: 'limit-reset', itemId: 4151, at: T0 + 600 });
    expect(push.headers.topic).toBe('limit-4151');
    expect(push.headers.ttl).toBe('600');

    // Once: looking again, or the device re-sending its resets (the past one among them), sends nothing more.
    harness.push!.limitResetsChanged();
    expect((await register(phone, [reset, { itemId: 2, at: T0 + 7200 }])).body.limitResets).toBe(1);
    await harness.push!.idle();
    expect(standIn.pushes).toHaveLength(1);
    expect(await listLimitResets(harness.store.db, registered.body.id)).toEqual([{ itemId: 2, at: T0 + 7200 }]);
  });

  it('wakes by itself at the reset\'s time', async () => {
    clock = null;
    const phone = standIn.subscription('phone');
    const at = Math.floor(Date.now() / 1000) + 2;
    expect((await register(phone, [{ itemId: 4151, at }])).status).toBe(201);
    await waitFor('the reset to be pushed by the timer', () => standIn.pushes.length === 1, 10_000);
    expect(standIn.open(standIn.pushes[0]!, phone)).toEqual({ type: 'limit-reset', itemId: 4151, at });
  });

  it('replaces the resets with PUT and drops them with the subscription', async () => {
    const phone = standIn.subscription('phone');
    const { body } = await register(phone, [{ itemId: 4151, at: T0 + 600 }]);
    const replaced = await send('PUT', `/${body.id}`, { rules: [], limitResets: [{ itemId: 2, at: T0 + 900 }] }, phone.keys.auth);
    expect([replaced.status, replaced.body.limitResets]).toEqual([200, 1]);
    expect(await listLimitResets(harness.store.db, body.id)).toEqual([{ itemId: 2, at: T0 + 900 }]);
    const removed = await fetch(`${harness.url}/api/v1/push/subscriptions/${body.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${phone.keys.auth}` } });
    expect(removed.status).toBe(204);
    expect(await listLimitResets(harness.store.db, body.id)).toEqual([]);
    clock = (T0 + 900) * 1000;
    harness.push!.limitResetsChanged();
    await harness.push!.idle();
    expect(standIn.pushes).toEqual([]);
  });

  it('refuses bad resets with a 4xx and changes nothing', async () => {
    const phone = standIn.subscription('phone');
    const { body } = await register(phone, [{ itemId: 4151, at: T0 + 600 }]);
    const held = [{ itemId: 4151, at: T0 + 600 }];
    const bad: unknown[] = [
      'soon',
      [{ itemId: 4151 }],
      [{ itemId: 4151, at: 'tomorrow' }],
      [{ itemId: -1, at: T0 + 600 }],
      [{ itemId: 4151, at: T0 + 600, extra: true }],
      [{ itemId: 4151, at: T0 + 600 }, { itemId: 4151, at: T0 + 600 }],
      Array.from({ length: 101 }, (_, index) => ({ itemId: 4151, at: T0 + 600 + index })),
    ];
    for (const limitResets of bad) {
      const posted = await register(phone, limitResets);
      const put = await send('PUT', `/${body.id}`, { rules: [], limitResets }, phone.keys.auth);
      expect([posted.status, posted.body.error?.code, put.status, put.body.error?.code]).toEqual([400, 'invalid_body', 400, 'invalid_body']);
    }
    const unknownItem = await register(phone, [{ itemId: 123_456, at: T0 + 600 }]);
    expect([unknownItem.status, unknownItem.body.error?.code]).toEqual([404, 'unknown_item']);
    expect(await listLimitResets(harness.store.db, body.id)).toEqual(held);
    expect((await findSubscription(harness.store.db, body.id))?.rules).toEqual([]);
  });
});

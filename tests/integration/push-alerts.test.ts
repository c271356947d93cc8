// Price alerts pushed to a closed app: the real sync against the fake wiki, the real routes, and
// web-push sending to a stand-in push service over HTTPS on loopback, whose captured pushes the
// test decrypts with the subscription's own keys.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { findSubscription } from '../../server/store/push-subscriptions-repo';
import type { AlertRuleInput } from '../../shared/protocol/alerts';
import { describeEachEngine, type EngineUnderTest } from '../helpers/store-engines';
import { startFakeUpstream, type FakeUpstream } from '../helpers/fake-upstream';
import { startPushStandIn, type HeldSubscription, type PushStandIn } from '../helpers/push-standin';
import { startSyncHarness, type SyncHarness } from '../helpers/sync-harness';
import { MAPPING, T0 } from '../helpers/wiki-fixtures';
import { waitFor } from '../helpers/wait-for';

const SUBJECT = 'mailto:ops@ge-tracker.example';
const CHEAP_WHIP: AlertRuleInput = { id: 'whip-cheap', itemId: 4151, measure: 'buy', op: 'below', target: 1_600_000 };

describeEachEngine('price alerts pushed by the server', (engine: EngineUnderTest) => {
  let fake: FakeUpstream;
  let standIn: PushStandIn;
  let harness: SyncHarness;
  let databaseUrl: string;
  let dir: string;
  let clock = T0 * 1000;
  let step = 0;

  const start = (env: Record<string, string> = {}) => startSyncHarness(fake, {
    databaseUrl,
    now: () => clock,
    pushAgent: standIn.agent,
    env: { VAPID_SUBJECT: SUBJECT, PUSH_ENDPOINT_HOSTS: '127.0.0.1', PUSH_TIMEOUT: '60s', ...env },
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'push-alerts-'));
    databaseUrl = engine.name === 'sqlite' ? `sqlite:${join(dir, 'store.sqlite')}` : await engine.createDatabase();
    clock = T0 * 1000;
    step = 0;
    fake = await startFakeUpstream();
    fake.setMapping(MAPPING);
    standIn = await startPushStandIn();
    harness = await start();
    expect(await harness.sync.runJob('mapping')).toBe(true);
  });
  afterEach(async () => {
    await harness.close();
    await standIn.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One /latest sync a minute after the last, the whip's buy leg trading at `low`. */
  async function whipTradesAt(low: number): Promise<number> {
    step += 1;
    clock = (T0 + step * 60) * 1000;
    fake.setLatest({ data: { '4151': { high: 1_750_000, highTime: T0 + step * 60 - 5, low, lowTime: T0 + step * 60 - 5 } } });
    expect(await harness.sync.runJob('latest')).toBe(true);
    return harness.commits[harness.commits.length - 1]!.seq;
  }

  async function subscribe(held: HeldSubscription, rules: AlertRuleInput[] = [CHEAP_WHIP], from = harness) {
    const res = await fetch(`${from.url}/api/v1/push/subscriptions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ subscription: { endpoint: held.endpoint, keys: held.keys }, rules }),
    });
    return { status: res.status, body: (await res.json()) as { id: string; error?: { code: string } } };
  }

  it('pushes an alert that held on two syncs, readable only with the device\'s keys, with a short TTL, its topic and a VAPID JWT for the push service', async () => {
    const phone = standIn.subscription('phone');
    expect((await subscribe(phone)).status).toBe(201);
    await whipTradesAt(1_700_000);
    await whipTradesAt(1_590_000);
    const firing = await whipTradesAt(1_585_000);
    await harness.push!.idle();

    expect(standIn.pushes).toHaveLength(1);
    const push = standIn.pushes[0]!;
    expect(push.path).toBe('/push/phone');
    expect(standIn.open(push, phone)).toEqual({
      alertId: 'whip-cheap', itemId: 4151, measure: 'buy', kind: 'threshold', value: 1_585_000, price: 1_585_000, seq: firing, firedAt: T0 + 180,
    });
    expect(push.headers.ttl).toBe('600');
    expect(push.headers.topic).toBe('whip-cheap');
    expect(push.headers.urgency).toBe('normal');
    expect(push.headers['content-encoding']).toBe('aes128gcm');
    const key = (await harness.get('/api/v1/push/key')).body as { publicKey: string };
    const [, jwt, k] = /^vapid t=([^,]+), k=(.+)$/.exec(String(push.headers.authorization)) ?? [];
    expect(k).toBe(key.publicKey);
    const claims = JSON.parse(Buffer.from(jwt!.split('.')[1]!, 'base64url').toString('utf8')) as { aud: string; sub: string; exp: number };
    expect(claims).toMatchObject({ aud: standIn.origin, sub: SUBJECT });
    expect(await harness.metrics.registry.getSingleMetricAsString('ge_pushes_sent_total')).toMatch(/ge_pushes_sent_total 1$/m);
  });

  it('sends nothing for a one-sync spike that reverts', async () => {
    expect((await subscribe(standIn.subscription('phone'))).status).toBe(201);
    for (const low of [1_700_000, 1_500_000, 1_700_000, 1_710_000]) await whipTradesAt(low);
    await harness.push!.idle();
    expect(standIn.pushes).toEqual([]);
  });

  it('does not fire the same alert again after a restart while the price stays below', async () => {
    expect((await subscribe(standIn.subscription('phone'))).status).toBe(201);
    for (const low of [1_700_000, 1_590_000, 1_585_000]) await whipTradesAt(low);
    await harness.push!.idle();
    expect(standIn.pushes).toHaveLength(1);
    await harness.close();
    harness = await start();
    for (const low of [1_580_000, 1_575_000]) await whipTradesAt(low);
    await harness.push!.idle();
    expect(standIn.pushes).toHaveLength(1);
  });

  it('deletes a subscription its push service says is gone (410)', async () => {
    const phone = standIn.subscription('gone');
    const { body } = await subscribe(phone);
    standIn.script('/push/gone', { status: 410 });
    for (const low of [1_700_000, 1_590_000, 1_585_000]) await whipTradesAt(low);
    await harness.push!.idle();
    expect(standIn.pushes).toHaveLength(1);
    expect(await findSubscription(harness.store.db, body.id)).toBeUndefined();
    expect(await harness.metrics.registry.getSingleMetricAsString('ge_pushes_pruned_total')).toMatch(/ge_pushes_pruned_total 1$/m);
  });

  it('keeps syncing while a push service hangs on a push', async () => {
    expect((await subscribe(standIn.subscription('hangs'))).status).toBe(201);
    standIn.script('/push/hangs', 'hang');
    for (const low of [1_700_000, 1_590_000, 1_585_000]) await whipTradesAt(low);
    await waitFor('the push to reach the stand-in', () => standIn.pushes.length === 1);
    // The push is still unanswered; the next syncs commit and are announced all the same.
    const before = harness.commits.length;
    await whipTradesAt(1_580_000);
    await whipTradesAt(1_575_000);
    expect(harness.commits.length).toBe(before + 2);
    expect(await harness.metrics.registry.getSingleMetricAsString('ge_pushes_sent_total')).toMatch(/ge_pushes_sent_total 0$/m);
  });

  it('lets only the holder of a subscription change or delete it', async () => {
    const phone = standIn.subscription('phone');
    const other = standIn.subscription('other');
    const { body } = await subscribe(phone);
    const path = `${harness.url}/api/v1/push/subscriptions/${body.id}`;
    const replace = (auth: string | null) => fetch(path, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...(auth === null ? {} : { Authorization: `Bearer ${auth}` }) },
      body: JSON.stringify({ rules: [] }),
    });
    const remove = (auth: string) => fetch(path, { method: 'DELETE', headers: { Authorization: `Bearer ${auth}` } });

    expect((await replace(other.keys.auth)).status).toBe(403);
    expect((await replace(null)).status).toBe(401);
    expect((await remove(other.keys.auth)).status).toBe(403);
    const hijack = await subscribe({ ...phone, keys: other.keys }, []);
    expect([hijack.status, hijack.body.error?.code]).toEqual([403, 'forbidden']);
    expect((await findSubscription(harness.store.db, body.id))?.rules.map((rule) => rule.id)).toEqual(['whip-cheap']);

    const replaced = await replace(phone.keys.auth);
    expect(replaced.status).toBe(200);
    expect((await findSubscription(harness.store.db, body.id))?.rules).toEqual([]);
    expect((await remove(phone.keys.auth)).status).toBe(204);
    expect(await findSubscription(harness.store.db, body.id)).toBeUndefined();
    expect((await remove(phone.keys.auth)).status).toBe(404);
  });

  it('refuses endpoints outside PUSH_ENDPOINT_HOSTS, bad rules and too many subscriptions from one address, storing nothing', async () => {
    const phone = standIn.subscription('phone');
    const refusals = [
      await subscribe({ ...phone, endpoint: 'https://evil.example/push/1' }),
      await subscribe({ ...phone, endpoint: phone.endpoint.replace('https:', 'http:') }),
      await subscribe(phone, [{ ...CHEAP_WHIP, itemId: 123_456 }]),
      await subscribe(phone, Array.from({ length: 51 }, (_, i) => ({ ...CHEAP_WHIP, id: `r${i}` }))),
      await subscribe(phone, [CHEAP_WHIP, CHEAP_WHIP]),
      await subscribe(phone, [{ ...CHEAP_WHIP, target: 'cheap' as never }]),
      await subscribe(phone, [{ ...CHEAP_WHIP, kind: 'dump', measure: 'margin' }]),
    ];
    expect(refusals.map((r) => [r.status, r.body.error?.code])).toEqual([
      [400, 'endpoint_not_allowed'], [400, 'endpoint_not_allowed'], [404, 'unknown_item'],
      [400, 'invalid_body'], [400, 'invalid_body'], [400, 'invalid_body'], [400, 'invalid_body'],
    ]);
    const notJson = await fetch(`${harness.url}/api/v1/push/subscriptions`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' });
    expect(notJson.status).toBe(415);
    expect(await harness.store.db.selectFrom('push_subscriptions').select('id').execute()).toEqual([]);

    await harness.close();
    harness = await start({ PUSH_MAX_SUBSCRIPTIONS_PER_IP: '2' });
    const first = standIn.subscription('a');
    expect((await subscribe(first)).status).toBe(201);
    expect((await subscribe(standIn.subscription('b'))).status).toBe(201);
    const third = await subscribe(standIn.subscription('c'));
    expect([third.status, third.body.error?.code]).toEqual([429, 'too_many_subscriptions']);
    // A device already registered refreshes freely.
    expect((await subscribe(first)).status).toBe(200);
  });
});

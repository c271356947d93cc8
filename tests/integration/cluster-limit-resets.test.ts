// Buy-limit resets in cluster mode: a device registers through a follower, and the reset is pushed
// once, by the leader alone (it evaluates alerts and sends; a follower's timer sends nothing); a new
// leader pushes at once what came due while none led.
import { afterEach, expect, it } from 'vitest';
import { listLimitResets } from '../../server/store/limit-resets-repo';
import { CHECK_EVERY_MS } from '../../server/push/limit-reset-timer';
import { describeCluster, LEASE_TTL_MS, startTestCluster, type TestCluster } from '../helpers/cluster-harness';
import { startPushStandIn, type PushStandIn } from '../helpers/push-standin';
import { waitFor } from '../helpers/wait-for';

let cluster: TestCluster | undefined;
let standIn: PushStandIn | undefined;
// Closed after each test, before the block drops its databases (with force, cutting any pool still open).
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
  await standIn?.close();
  standIn = undefined;
});

const resetsSent = async (instance: TestCluster['instances'][number]) =>
  /ge_alerts_fired_total\{kind="limit-reset"\} (\d+)/.exec(await instance.metrics.registry.getSingleMetricAsString('ge_alerts_fired_total'))?.[1] ?? '0';

/** Two instances pushing to a stand-in, and a phone that registered, through the follower, a reset due `inSeconds` from now. */
async function resetThroughFollower(databaseUrl: string, inSeconds: number) {
  standIn = await startPushStandIn();
  cluster = await startTestCluster(databaseUrl, 2, { VAPID_SUBJECT: 'mailto:ops@ge-tracker.example', PUSH_ENDPOINT_HOSTS: '127.0.0.1' }, { pushAgent: standIn.agent });
  const leader = await cluster.synced();
  const follower = cluster.instances.find((instance) => instance !== leader)!;
  const phone = standIn.subscription('phone');
  const at = Math.floor(Date.now() / 1000) + inSeconds;
  const res = await fetch(`${follower.url}/api/v1/push/subscriptions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ subscription: { endpoint: phone.endpoint, keys: phone.keys }, rules: [], limitResets: [{ itemId: 4151, at }] }),
  });
  expect(res.status).toBe(201);
  const { id } = (await res.json()) as { id: string };
  return { standIn, cluster, leader, follower, phone, at, id };
}

describeCluster('buy-limit resets in a cluster', (createDatabase) => {
  it('are pushed once, by the leader only, though registered through a follower', async () => {
    const { standIn, leader, follower, phone, at, id } = await resetThroughFollower(await createDatabase(), 1);
    await waitFor('the reset\'s time to come', () => Date.now() >= (at + 1) * 1000, 5000);
    // The follower looks with the reset due and leaves it: it does not lead.
    follower.push!.limitResetsChanged();
    await follower.push!.idle();
    expect(await resetsSent(follower)).toBe('0');
    // The leader finds it by polling the store within CHECK_EVERY_MS; told, it looks at once.
    leader.push!.limitResetsChanged();
    await waitFor('the reset to be pushed', () => standIn.pushes.length >= 1, 10_000);
    await Promise.all([leader.push!.idle(), follower.push!.idle()]);
    expect(standIn.pushes).toHaveLength(1);
    expect(standIn.open(standIn.pushes[0]!, phone)).toEqual({ type: 'limit-reset', itemId: 4151, at });
    expect([await resetsSent(leader), await resetsSent(follower)]).toEqual(['1', '0']);
    expect(await listLimitResets(leader.store.db, id)).toEqual([]);
  });

  it('that came due while no instance led are pushed by the new leader at once, not at its next check', async () => {
    // The follower looked as the phone registered (not leading), and would look next a check interval later.
    const { standIn, cluster, leader, follower, phone, at } = await resetThroughFollower(await createDatabase(), 2);
    await follower.push!.idle();
    // The leader goes before the reset is due; the follower takes over.
    await leader.close();
    cluster.instances.splice(cluster.instances.indexOf(leader), 1);
    expect(await cluster.leader(LEASE_TTL_MS * 4)).toBe(follower);
    await waitFor('the reset to be pushed', () => standIn.pushes.length >= 1, CHECK_EVERY_MS / 2);
    expect(Date.now()).toBeLessThan(at * 1000 + CHECK_EVERY_MS / 2);
    expect(standIn.open(standIn.pushes[0]!, phone)).toEqual({ type: 'limit-reset', itemId: 4151, at });
    expect(await resetsSent(follower)).toBe('1');
  });
});

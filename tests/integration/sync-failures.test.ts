import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeFailure, FakeUpstream } from '../helpers/fake-upstream';
import { startSyncHarness, type SyncHarness } from '../helpers/sync-harness';
import { LATEST_NEXT, MAPPING_RENAMED, T0, hourWindow, startFakeWiki } from '../helpers/wiki-fixtures';

let fake: FakeUpstream;
let harness: SyncHarness;
// The sync's clock: each run a little later than the one before, as on a real schedule (health
// compares times in whole seconds).
const clock = { now: 0 };
const runsLater = (): void => {
  clock.now += 20_000;
};

beforeEach(async () => {
  fake = await startFakeWiki();
  // A short timeout so the hanging upstream costs the test little.
  clock.now = Date.now() - 60_000;
  harness = await startSyncHarness(fake, { env: { UPSTREAM_TIMEOUT: '1s' }, now: () => clock.now });
  expect(await harness.sync.runJob('mapping')).toBe(true);
  expect(await harness.sync.runJob('latest')).toBe(true);
});
afterEach(async () => {
  await harness.close();
  await fake.close();
});

const db = () => harness.store.db;
const snapshot = async () => ({
  prices: await db().selectFrom('latest_prices').selectAll().orderBy('item_id').execute(),
  state: await db().selectFrom('stream_state').selectAll().execute(),
});

const failures: Array<[string, FakeFailure, RegExp]> = [
  ['a server error', { kind: 'status', status: 500 }, /HTTP 500/],
  ['rate limiting with Retry-After', { kind: 'status', status: 429, retryAfter: '1' }, /HTTP 429/],
  ['an upstream that never answers', { kind: 'timeout' }, /timed out/],
  ['a body that breaks the schema', { kind: 'malformed' }, /schema/],
  ['a body that is not JSON', { kind: 'malformed', body: '<html><h1>502 Bad Gateway</h1></html>' }, /not JSON/],
  ['a body cut off half-way', { kind: 'truncated' }, /failed/],
];

describe('a failing upstream', () => {
  it.each(failures)('%s leaves the last good prices, shows in health, and the next good sync recovers', async (_name, failure, message) => {
    const before = await snapshot();
    fake.setLatest(LATEST_NEXT);
    fake.fail('latest', failure, Infinity);
    runsLater();
    expect(await harness.sync.runJob('latest')).toBe(false);
    expect(await snapshot()).toEqual(before);
    expect(harness.commits).toHaveLength(1);
    const health = await harness.health();
    expect(health.status).toBe('degraded');
    expect(health.upstream.lastError).toMatch(message);
    expect(health.upstream.lastErrorAt).toBeGreaterThan(health.upstream.lastSuccess ?? Infinity);

    fake.clearFailures();
    runsLater();
    expect(await harness.sync.runJob('latest')).toBe(true);
    expect(harness.commits.at(-1)?.changes.map((c) => c.itemId)).toEqual([561, 4151]);
    expect((await harness.health()).status).toBe('ok');
  });

  it('retries once after the wait Retry-After asks for, and succeeds when the wiki is back', async () => {
    fake.setLatest(LATEST_NEXT);
    fake.fail('latest', { kind: 'status', status: 429, retryAfter: '1' }, 1);
    expect(await harness.sync.runJob('latest')).toBe(true);
    expect(fake.countRequests('latest')).toBe(3); // the first sync, the 429, the retry
  });

  it('keeps the catalogue when /mapping fails, and the prices keep syncing', async () => {
    fake.setMapping(MAPPING_RENAMED);
    fake.fail('mapping', { kind: 'malformed', body: '[{"id":2}]' }, Infinity);
    expect(await harness.sync.runJob('mapping')).toBe(false);
    const cannonball = await db().selectFrom('items').select('name').where('id', '=', 2).executeTakeFirst();
    expect(cannonball?.name).toBe('Cannonball');
    fake.setLatest(LATEST_NEXT);
    runsLater();
    expect(await harness.sync.runJob('latest')).toBe(true);
    const health = await harness.health();
    expect(health.status).toBe('ok');
    expect(health.upstream.jobs.mapping?.lastError).toMatch(/schema/);
  });

  it('writes none of a window whose body fails validation', async () => {
    fake.setWindow('1h', hourWindow(T0 - 3600));
    fake.fail('1h', { kind: 'malformed', body: JSON.stringify({ timestamp: T0 - 3600, data: { '2': { avgHighPrice: 192 } } }) }, Infinity);
    expect(await harness.sync.runJob('1h')).toBe(false);
    expect(await db().selectFrom('price_buckets').selectAll().execute()).toEqual([]);
    expect(await db().selectFrom('synced_windows').selectAll().execute()).toEqual([]);
    expect((await harness.health()).upstream.jobs['1h']?.lastError).toMatch(/schema/);
  });

  it('keeps the server up: a job that fails at start leaves start() resolved and the schedule running', async () => {
    fake.fail('mapping', { kind: 'status', status: 503 }, Infinity);
    fake.fail('latest', { kind: 'status', status: 503 }, Infinity);
    // A day on, so the mapping is due at start too (a fresh catalogue is not fetched again).
    clock.now += 24 * 3600 * 1000 + 1000;
    await expect(harness.sync.start()).resolves.toBeUndefined();
    const logged = harness.log.entries().filter((e) => e.msg === 'sync job failed').map((e) => e.job);
    expect(logged).toEqual(expect.arrayContaining(['mapping', 'latest']));
  });
});

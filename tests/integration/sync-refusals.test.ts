// Upstream answers the sync must not take: an empty or truncated /mapping, /latest entries that
// cannot be real (one must not freeze every other price), answers too large or naming a flood of
// unknown ids, a redirect loop. Each keeps the last good data and says why in health.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../helpers/fake-upstream';
import { startSyncHarness, type SyncHarness } from '../helpers/sync-harness';
import { LATEST, T0, startFakeWiki } from '../helpers/wiki-fixtures';

let fake: FakeUpstream;
let harness: SyncHarness;
const clock = { now: 0 };
const runsLater = (ms = 20_000): void => {
  clock.now += ms;
};

/** A catalogue of `n` items (ids 1000…), large enough that losing half of it is a real shrink. */
const bigMapping = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: 1000 + i, name: `Item ${i}`, examine: 'x', members: false, icon: `Item ${i}.png`, limit: 100 }));

async function start(env: Record<string, string> = {}): Promise<void> {
  harness = await startSyncHarness(fake, { env: { UPSTREAM_RETRIES: '0', ...env }, now: () => clock.now });
}

/** Started, with the catalogue and one good /latest stored. */
async function startSynced(env: Record<string, string> = {}): Promise<void> {
  await start(env);
  expect(await harness.sync.runJob('mapping')).toBe(true);
  expect(await harness.sync.runJob('latest')).toBe(true);
}

const catalogueTotal = async (): Promise<number> => ((await harness.get('/api/v1/items?limit=1')).body as { total: number }).total;
const prices = () => harness.store.db.selectFrom('latest_prices').select(['item_id', 'high', 'low']).orderBy('item_id').execute();
const jobError = async (job: string) => (await harness.health()).upstream.jobs[job]?.lastError ?? null;

beforeEach(async () => {
  fake = await startFakeWiki();
  clock.now = Date.now() - 60_000;
});
afterEach(async () => {
  await harness.close();
  await fake.close();
});

describe('a /mapping that would empty or halve the catalogue', () => {
  it('an empty mapping is refused and the catalogue kept, with the reason in health', async () => {
    await start();
    expect(await harness.sync.runJob('mapping')).toBe(true);
    const before = await catalogueTotal();
    fake.setMapping([]);
    runsLater();
    expect(await harness.sync.runJob('mapping')).toBe(false);
    expect(await catalogueTotal()).toBe(before);
    expect(await jobError('mapping')).toMatch(/mapping is empty; the last good catalogue is kept/);
  });

  it('a mapping that loses half the known items is refused until the shrink has lasted SYNC_MAPPING_SHRINK_AFTER', async () => {
    fake.setMapping(bigMapping(400));
    await start({ SYNC_MAPPING_SHRINK_AFTER: '24h' });
    expect(await harness.sync.runJob('mapping')).toBe(true);
    expect(await catalogueTotal()).toBe(400);

    fake.setMapping(bigMapping(200));
    runsLater();
    expect(await harness.sync.runJob('mapping')).toBe(false);
    expect(await catalogueTotal()).toBe(400);
    expect(await jobError('mapping')).toMatch(/would drop 200 of 400 known items \(50%, more than 10%\).*lasted 1d/);

    runsLater(12 * 3_600_000);
    expect(await harness.sync.runJob('mapping')).toBe(false);
    expect(await catalogueTotal()).toBe(400);

    runsLater(12 * 3_600_000);
    expect(await harness.sync.runJob('mapping')).toBe(true);
    expect(await catalogueTotal()).toBe(200);
  });

  it('a good mapping in between starts the clock again, and a small loss is taken at once', async () => {
    fake.setMapping(bigMapping(400));
    await start({ SYNC_MAPPING_SHRINK_AFTER: '1h' });
    expect(await harness.sync.runJob('mapping')).toBe(true);
    fake.setMapping(bigMapping(100));
    expect(await harness.sync.runJob('mapping')).toBe(false);
    fake.setMapping(bigMapping(390)); // ten items gone: a normal day
    runsLater(50 * 60_000);
    expect(await harness.sync.runJob('mapping')).toBe(true);
    expect(await catalogueTotal()).toBe(390);
    fake.setMapping(bigMapping(100));
    runsLater(20 * 60_000);
    expect(await harness.sync.runJob('mapping')).toBe(false);
    expect(await catalogueTotal()).toBe(390);
  });
});

describe('a /latest with impossible entries', () => {
  beforeEach(() => startSynced());

  it('drops and counts an id past the game range, a negative or absurd price and a trade time in the future; the rest is stored', async () => {
    const now = Math.floor(clock.now / 1000);
    const good = { high: 1_720_000, highTime: now - 5, low: 1_700_000, lowTime: now - 9 };
    // Forty ordinary entries beside them: four bad ones in 46 are rows gone wrong, not a new schema.
    const ordinary = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [String(60_000 + i), good]));
    fake.setLatest({
      data: {
        ...LATEST.data,
        ...ordinary,
        '4151': good,
        '99999999999999999999': { high: 5, highTime: T0, low: 4, lowTime: T0 },
        '561': { high: -3, highTime: now, low: 110, lowTime: now },
        '2': { high: 99_000_000_000, highTime: now, low: 188, lowTime: now },
        '13190': { high: 13_300_000, highTime: now + 86_400, low: null, lowTime: null },
      },
    });
    runsLater();
    expect(await harness.sync.runJob('latest')).toBe(true);
    const stored = await prices();
    expect(stored.find((p) => p.item_id === 4151)).toMatchObject({ high: 1_720_000, low: 1_700_000 });
    // The bad entries changed nothing: the last good legs stay.
    expect(stored.find((p) => p.item_id === 561)).toMatchObject({ high: 115, low: 110 });
    expect(stored.find((p) => p.item_id === 2)).toMatchObject({ high: 193 });
    expect(stored.find((p) => p.item_id === 13190)).toMatchObject({ high: 13299048 });
    expect(stored.map((p) => p.item_id)).not.toContain(99999999999999999999);
    const counted = await harness.metrics.upstreamRejectedEntries.get();
    expect(counted.values[0]?.value).toBe(4);
    expect(harness.log.entries().find((e) => e.msg === 'upstream entries dropped')).toMatchObject({ rejected: 4, of: 46 });
    expect((await harness.health()).status).toBe('ok');
  });

  it('an answer whose entries are mostly impossible is refused whole (the schema changed)', async () => {
    const before = await prices();
    fake.setLatest({ data: Object.fromEntries(Object.keys(LATEST.data).map((id) => [id, { high: '1', highTime: 1, low: 1, lowTime: 1 }])) });
    runsLater();
    expect(await harness.sync.runJob('latest')).toBe(false);
    expect(await prices()).toEqual(before);
    expect(await jobError('latest')).toMatch(/5 of 5 entries are impossible/);
  });

  it('an empty /latest is not a healthy sync', async () => {
    const before = await prices();
    fake.setLatest({ data: {} });
    runsLater();
    expect(await harness.sync.runJob('latest')).toBe(false);
    expect(await prices()).toEqual(before);
    const health = await harness.health();
    expect(health.status).toBe('degraded');
    expect(health.upstream.lastError).toMatch(/no prices at all/);
  });
});

describe('answers beyond the bounds', () => {
  it('a body larger than UPSTREAM_MAX_BYTES is refused and the last good prices kept', async () => {
    await startSynced({ UPSTREAM_MAX_BYTES: '65536' });
    const before = await prices();
    const big = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [String(4151 + i), LATEST.data['4151']]));
    fake.setLatest({ data: big });
    runsLater();
    expect(await harness.sync.runJob('latest')).toBe(false);
    expect(await prices()).toEqual(before);
    expect(await jobError('latest')).toMatch(/body larger than 65536 bytes/);
  });

  it('a /latest naming more unknown ids than SYNC_MAX_NEW_ITEMS is refused; the few the real API adds are stored', async () => {
    await startSynced({ SYNC_MAX_NEW_ITEMS: '50' });
    const before = await prices();
    const flood = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [String(50_000 + i), LATEST.data['561']]));
    fake.setLatest({ data: { ...LATEST.data, ...flood } });
    runsLater();
    expect(await harness.sync.runJob('latest')).toBe(false);
    expect(await prices()).toEqual(before);
    expect(await jobError('latest')).toMatch(/60 ids are unknown .*SYNC_MAX_NEW_ITEMS=50/);

    fake.setLatest({ data: { ...LATEST.data, '50000': LATEST.data['561'] } });
    runsLater();
    expect(await harness.sync.runJob('latest')).toBe(true);
    expect((await prices()).map((p) => p.item_id)).toContain(50_000);
  });

  it('a redirect loop costs a few requests, not hundreds, and health names it', async () => {
    await start({ UPSTREAM_RETRIES: '3' });
    fake.fail('latest', { kind: 'redirect-loop' }, Infinity);
    expect(await harness.sync.runJob('latest')).toBe(false);
    expect(fake.countRequests('latest')).toBeLessThanOrEqual(4);
    expect(await jobError('latest')).toMatch(/more than 3 redirects/);
  });

  it('an upstream that refuses connections shows the real cause in health, not "fetch failed"', async () => {
    // A port that was free a moment ago: nothing listens there now.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    harness = await startSyncHarness(fake, { env: { UPSTREAM_RETRIES: '0', UPSTREAM_URL: `http://127.0.0.1:${port}/api/v1/osrs` }, now: () => clock.now });
    expect(await harness.sync.runJob('latest')).toBe(false);
    expect(await jobError('latest')).toMatch(/ECONNREFUSED/);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../helpers/fake-upstream';
import { startSyncHarness, type SyncHarness } from '../helpers/sync-harness';
import { waitFor } from '../helpers/wait-for';
import { startFakeWiki } from '../helpers/wiki-fixtures';

let fake: FakeUpstream;
let harness: SyncHarness;

beforeEach(async () => {
  fake = await startFakeWiki();
  harness = await startSyncHarness(fake, {
    env: { SYNC_LATEST_INTERVAL: '100ms', UPSTREAM_TIMEOUT: '2s', UPSTREAM_RETRIES: '0', SYNC_BACKFILL_MAX_WINDOWS: '0' },
  });
});
afterEach(async () => {
  await harness.close();
  await fake.close();
});

const latestState = () => harness.store.db.selectFrom('sync_state').selectAll().where('job', '=', 'latest').executeTakeFirst();

describe('the sync schedule', () => {
  it('polls /latest on its interval, never two at once, even when one answers later than the interval', async () => {
    await harness.sync.start();
    fake.fail('latest', { kind: 'slow', ms: 400 }, 2);
    await waitFor('the slow polls and two more after them', () => fake.countRequests('latest') >= 5);
    expect(fake.maxConcurrent('latest')).toBe(1);
    expect((await latestState())?.last_error).toBeNull();
  });

  it('stops without waiting out a hung request, and does not record the cut as an upstream failure', async () => {
    await harness.sync.start();
    const before = await latestState();
    fake.fail('latest', { kind: 'timeout' }, Infinity);
    await waitFor('a poll to hang', () => fake.countRequests('latest') >= 2);
    await harness.sync.stop();
    expect((await latestState())?.last_error).toBe(before?.last_error ?? null);
    // A job asked for after stop() does nothing.
    const count = fake.countRequests('latest');
    await harness.sync.runJob('latest');
    expect(fake.countRequests('latest')).toBe(count);
  });
});

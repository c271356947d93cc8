// A store that cannot write (a full disk, a read-only file) must show its real cause in health,
// not a follow-on error or nothing at all, and a start-up that cannot migrate must say why.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../helpers/fake-upstream';
import { startSyncHarness, type SyncHarness } from '../helpers/sync-harness';
import { MAPPING, T0, startFakeWiki } from '../helpers/wiki-fixtures';
import { createDb, migrateToLatest } from '../../server/store/db';

let dir: string;
let fake: FakeUpstream;
let harness: SyncHarness;

const ids = Array.from({ length: 2000 }, (_, i) => 30_001 + i);
const price = { high: 100, highTime: T0 - 60, low: 90, lowTime: T0 - 60 };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ge-store-errors-'));
  fake = await startFakeWiki();
  fake.setMapping([...MAPPING, ...ids.map((id) => ({ id, name: `Item ${id}`, examine: 'An item.', members: false, icon: 'Item.png' }))]);
  fake.setLatest({ data: Object.fromEntries(ids.slice(0, 1000).map((id) => [String(id), price])) });
  harness = await startSyncHarness(fake, { databaseUrl: `sqlite:${join(dir, 'store.sqlite')}` });
  expect(await harness.sync.runJob('mapping')).toBe(true);
});
afterEach(async () => {
  await harness.close();
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a store that cannot write', () => {
  it('shows a full disk in health as the disk being full, not as the failed rollback after it', async () => {
    // A thousand prices stored, then the file may not grow: one of the next single new prices
    // needs a page, and SQLite rolls the whole transaction back itself.
    expect(await harness.sync.runJob('latest')).toBe(true);
    const [pages] = await sql<{ page_count: number }>`PRAGMA page_count`.execute(harness.store.db).then((r) => r.rows);
    await sql.raw(`PRAGMA max_page_count = ${pages?.page_count ?? 0}`).execute(harness.store.db);
    let failed = false;
    for (const id of ids.slice(1000)) {
      fake.setLatest({ data: { [String(id)]: price } });
      if (!(await harness.sync.runJob('latest'))) {
        failed = true;
        break;
      }
    }

    expect(failed).toBe(true);
    const health = await harness.health();
    expect(health.upstream.jobs.latest?.lastError).toMatch(/database or disk is full/);
    expect(health.upstream.jobs.latest?.lastError).not.toMatch(/cannot rollback/);
  });

  it('shows a failure in health even when the read-only store could not record it', async () => {
    await sql.raw('PRAGMA query_only = ON').execute(harness.store.db);

    expect(await harness.sync.runJob('latest')).toBe(false);
    const health = await harness.health();
    expect(health.status).toBe('degraded');
    expect(health.upstream.lastError).toMatch(/readonly database/);
    expect(health.upstream.lastErrorAt).not.toBeNull();
    // What the store did record is still shown beside it.
    expect(health.upstream.jobs.mapping?.lastSuccess).not.toBeNull();
  });
});

describe('a start-up on a full disk', () => {
  it('fails the migration with the cause in its message', async () => {
    const sqlite = new SQLite(join(dir, 'fresh.sqlite'));
    sqlite.pragma('max_page_count = 2');
    const db = createDb(sqlite);
    const error = await migrateToLatest(db).then(() => undefined, (e: unknown) => e);
    await db.destroy();
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/^database migration failed: .*database or disk is full/);
  });
});

// The VAPID key pair: one per deployment, whatever starts first and however many start at once,
// kept across restarts; and push off, saying so, without a subject.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import webpush from 'web-push';
import { openDatabase } from '../../server/store/db';
import { ensureVapidKeys } from '../../server/store/push-keys-repo';
import { describeEachEngine } from '../helpers/store-engines';
import { startFakeUpstream } from '../helpers/fake-upstream';
import { startSyncHarness } from '../helpers/sync-harness';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describeEachEngine('the VAPID key pair', (engine) => {
  const databaseUrl = async () => {
    if (engine.name === 'postgres') return engine.createDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'push-keys-'));
    dirs.push(dir);
    return `sqlite:${join(dir, 'store.sqlite')}`;
  };

  it('is made once when instances start together, and every one of them signs with it', async () => {
    const url = await databaseUrl();
    // SQLite is one process's store: its instances are opened (and migrated) one after another.
    const stores = engine.name === 'postgres'
      ? await Promise.all(Array.from({ length: 4 }, () => openDatabase(url)))
      : [await openDatabase(url), await openDatabase(url), await openDatabase(url), await openDatabase(url)];
    try {
      let made = 0;
      const generate = () => {
        made += 1;
        return webpush.generateVAPIDKeys();
      };
      const pairs = await Promise.all(stores.map((store) => ensureVapidKeys(store.db, generate, 1)));
      expect(made).toBeGreaterThanOrEqual(1);
      expect(new Set(pairs.map((pair) => pair.publicKey)).size).toBe(1);
      expect(new Set(pairs.map((pair) => pair.privateKey)).size).toBe(1);
    } finally {
      await Promise.all(stores.map((store) => store.close()));
    }
  });

  it('is served by the key route, the same after a restart; the config\'s own pair wins', async () => {
    const url = await databaseUrl();
    const fake = await startFakeUpstream();
    const env = { VAPID_SUBJECT: 'https://ge-tracker.example/contact' };
    const key = async (harness: Awaited<ReturnType<typeof startSyncHarness>>) => ((await harness.get('/api/v1/push/key')).body as { publicKey: string }).publicKey;
    try {
      const first = await startSyncHarness(fake, { databaseUrl: url, env });
      const before = await key(first);
      expect((await first.health()).push).toEqual({ enabled: true, reason: null });
      await first.close();
      const again = await startSyncHarness(fake, { databaseUrl: url, env });
      expect(await key(again)).toBe(before);
      await again.close();
      const configured = webpush.generateVAPIDKeys();
      const own = await startSyncHarness(fake, { databaseUrl: url, env: { ...env, VAPID_PUBLIC_KEY: configured.publicKey, VAPID_PRIVATE_KEY: configured.privateKey } });
      expect(await key(own)).toBe(configured.publicKey);
      await own.close();
    } finally {
      await fake.close();
    }
  });
});

it('is off without VAPID_SUBJECT: health says so, the push routes answer 404 push_disabled and no key is made', async () => {
  const fake = await startFakeUpstream();
  const harness = await startSyncHarness(fake);
  try {
    expect((await harness.health()).push).toEqual({ enabled: false, reason: 'push is off: VAPID_SUBJECT is not set' });
    const answer = await harness.get('/api/v1/push/key');
    expect([answer.status, (answer.body as { error: { code: string } }).error.code]).toEqual([404, 'push_disabled']);
    expect(harness.push).toBeUndefined();
    expect(await harness.store.db.selectFrom('push_keys').selectAll().execute()).toEqual([]);
  } finally {
    await harness.close();
    await fake.close();
  }
});

import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MAX_RULES_PER_DEVICE } from '../../shared/domain/alert-rules';
import {
  AlertCapError,
  deleteAlert,
  FIRED_KEEP,
  listAlerts,
  listFired,
  newestFiredSeq,
  putAlert,
  readAlertStates,
  recordFired,
  writeAlertStates,
  type FiredRecord,
  type StoredAlert,
} from './alerts';
import { listTrades, putTrade } from './journal';
import { openGeDb } from './schema';
import { openTestDb, uniqueDbName } from './test-db';
import { listWatchlist, setWatched } from './watchlist';

function rule(id: string, createdAt = 1): StoredAlert {
  return { id, itemId: 4151, kind: 'threshold', measure: 'buy', op: 'below', target: 1_500_000, mode: 'instant', window: '1h', expiresAt: null, cooldownSeconds: 1800, enabled: true, createdAt };
}

function fired(alertId: string, seq: number, source: FiredRecord['source'] = 'device', firedAt = seq): FiredRecord {
  return { alertId, itemId: 4151, measure: 'buy', kind: 'threshold', value: 1_400_000, price: 1_400_000, seq, firedAt, source };
}

describe('alerts on the device', () => {
  it('keeps the watchlist and the journal when a database from before alerts is upgraded', async () => {
    const name = uniqueDbName();
    const old = await openGeDb({ name, version: 3 });
    await setWatched(old, 4151, true, 1);
    await putTrade(old, { id: 't1', itemId: 4151, side: 'buy', quantity: 1, price: 10, time: 5, account: null, source: 'manual' });
    old.close();
    const db = await openGeDb({ name });
    expect(await listWatchlist(db)).toEqual([4151]);
    expect((await listTrades(db)).map((t) => t.id)).toEqual(['t1']);
    await putAlert(db, rule('a'));
    expect((await listAlerts(db)).map((a) => a.id)).toEqual(['a']);
    db.close();
  });

  it('refuses a rule past the cap per device and keeps the ones it has', async () => {
    const db = await openTestDb();
    for (let i = 0; i < MAX_RULES_PER_DEVICE; i += 1) await putAlert(db, rule(`r${i}`, i));
    await expect(putAlert(db, rule('one-more', 999))).rejects.toBeInstanceOf(AlertCapError);
    const kept = await listAlerts(db);
    expect(kept).toHaveLength(MAX_RULES_PER_DEVICE);
    expect(kept.some((a) => a.id === 'one-more')).toBe(false);
    // Editing a rule at the cap is still allowed.
    await putAlert(db, { ...rule('r0', 0), target: 1 });
    expect((await listAlerts(db))[0]?.target).toBe(1);
    db.close();
  });

  it('forgets a rule’s evaluation state when the rule is edited or deleted, never its fired history', async () => {
    const db = await openTestDb();
    await putAlert(db, rule('a'));
    await putAlert(db, rule('b'));
    const state = (seq: number) => ({ rule: 'r', seq, armed: true, pending: null, firedSeq: null, firedAt: null });
    await writeAlertStates(db, { a: state(1), b: state(2), gone: state(3) });
    await db.put('alertState', { damaged: true }, 'a2');
    expect(await readAlertStates(db, ['a', 'b', 'gone', 'a2'])).toEqual({ a: state(1), b: state(2) });
    await putAlert(db, { ...rule('a'), target: 5 });
    await recordFired(db, [fired('b', 10)]);
    await deleteAlert(db, 'b');
    expect(await readAlertStates(db, ['a', 'b'])).toEqual({});
    expect((await listFired(db)).map((f) => f.alertId)).toEqual(['b']);
    db.close();
  });

  it('stores the same firing once whether the device or a push told it first, and knows the newest seq', async () => {
    const db = await openTestDb();
    expect(await newestFiredSeq(db, 'a')).toBeNull();
    await recordFired(db, [fired('a', 12, 'push')]);
    await recordFired(db, [fired('a', 12, 'device'), fired('a', 9, 'device'), fired('ab', 40)]);
    const history = await listFired(db);
    expect(history.map((f) => `${f.alertId}@${f.seq}:${f.source}`)).toEqual(['ab@40:device', 'a@12:push', 'a@9:device']);
    expect(await newestFiredSeq(db, 'a')).toBe(12);
    db.close();
  });

  it('keeps only the newest fired alerts past the history cap', async () => {
    const db = await openTestDb();
    await recordFired(db, Array.from({ length: FIRED_KEEP + 3 }, (_, i) => fired('a', i + 1)));
    const history = await listFired(db);
    expect(history).toHaveLength(FIRED_KEEP);
    expect(history.at(-1)?.seq).toBe(4);
    expect(history[0]?.seq).toBe(FIRED_KEEP + 3);
    db.close();
  });
});

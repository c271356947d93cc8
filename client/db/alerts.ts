// Price alerts on the device: the rules (the user's own data, like the journal never dropped by an
// upgrade or by quota pruning), each rule's evaluation state between syncs, and the history of
// alerts that fired here or were pushed by the server. One entry per rule and seq, so the same
// firing told twice (the device and a push) is stored once.
import { ALERT_KINDS, ALERT_MEASURES, ALERT_MODES, ALERT_OPS, MAX_RULES_PER_DEVICE, MOVE_WINDOWS } from '../../shared/domain/alert-rules';
import type { AlertRule, AlertState, FiredAlert } from '../../shared/protocol/alerts';
import { bool, int, keepValid, nullable, num, shape, str, type Guard } from './guards';
import type { GeDb } from './schema';

/** A rule as the device keeps it: the shared rule, whether it is on, and when it was made. */
export type StoredAlert = AlertRule & { enabled: boolean; createdAt: number };

/** Where a fired alert was noticed: evaluated here, or pushed by the server. */
export type FiredSource = 'device' | 'push';
export type FiredRecord = FiredAlert & { source: FiredSource };

/** Fired alerts kept on the device; the oldest go first. */
export const FIRED_KEEP = 500;

const oneOf =
  <T extends string>(values: readonly T[]): Guard<T> =>
  (value): value is T =>
    typeof value === 'string' && (values as readonly string[]).includes(value);

export const isStoredAlert = shape<StoredAlert>({
  id: str,
  itemId: int,
  kind: oneOf(ALERT_KINDS),
  measure: oneOf(ALERT_MEASURES),
  op: oneOf(ALERT_OPS),
  target: num,
  mode: oneOf(ALERT_MODES),
  window: oneOf(MOVE_WINDOWS),
  expiresAt: nullable(int),
  cooldownSeconds: int,
  enabled: bool,
  createdAt: num,
});

export const isFiredRecord = shape<FiredRecord>({
  alertId: str,
  itemId: int,
  measure: oneOf(ALERT_MEASURES),
  kind: oneOf(ALERT_KINDS),
  value: num,
  price: nullable(int),
  seq: int,
  firedAt: int,
  source: oneOf<FiredSource>(['device', 'push']),
});

const isPending = nullable(shape<NonNullable<AlertState['pending']>>({ seq: int, tradeTime: int }));
export const isAlertState = shape<AlertState>({ rule: str, seq: int, armed: bool, pending: isPending, firedSeq: nullable(int), firedAt: nullable(int) });

/** Refused: the device already holds MAX_RULES_PER_DEVICE rules. */
export class AlertCapError extends Error {
  constructor() {
    super(`This device can hold ${MAX_RULES_PER_DEVICE} alerts. Delete one to add another.`);
    this.name = 'AlertCapError';
  }
}

/** The rules, oldest first. */
export async function listAlerts(db: GeDb): Promise<StoredAlert[]> {
  return keepValid(isStoredAlert, await db.getAll('alerts')).sort((a, b) => a.createdAt - b.createdAt);
}

/** Adds a rule or replaces the one with its id; a new rule past the cap is refused and nothing changes. */
export async function putAlert(db: GeDb, alert: StoredAlert): Promise<void> {
  const tx = db.transaction(['alerts', 'alertState'], 'readwrite');
  const rules = tx.objectStore('alerts');
  const [existing, count] = await Promise.all([rules.getKey(alert.id), rules.count()]);
  if (existing === undefined && count >= MAX_RULES_PER_DEVICE) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new AlertCapError();
  }
  // An edited rule starts its evaluation afresh: the old state was about another condition.
  await Promise.all([rules.put(alert), tx.objectStore('alertState').delete(alert.id), tx.done]);
}

/** Removes the rule and its evaluation state; its fired history stays. */
export async function deleteAlert(db: GeDb, id: string): Promise<void> {
  const tx = db.transaction(['alerts', 'alertState'], 'readwrite');
  await Promise.all([tx.objectStore('alerts').delete(id), tx.objectStore('alertState').delete(id), tx.done]);
}

/** The stored evaluation state of each rule that has one (a damaged one is dropped: the rule starts afresh). */
export async function readAlertStates(db: GeDb, ids: readonly string[]): Promise<Record<string, AlertState>> {
  const tx = db.transaction('alertState', 'readonly');
  const values = await Promise.all(ids.map((id) => tx.store.get(id)));
  await tx.done;
  const states: Record<string, AlertState> = {};
  ids.forEach((id, index) => {
    const value = values[index];
    if (isAlertState(value)) states[id] = value;
  });
  return states;
}

/** Writes the states of rules that still exist (a rule deleted meanwhile gets none back). */
export async function writeAlertStates(db: GeDb, states: Readonly<Record<string, AlertState>>): Promise<void> {
  const tx = db.transaction(['alerts', 'alertState'], 'readwrite');
  const entries = Object.entries(states);
  const alive = await Promise.all(entries.map(([id]) => tx.objectStore('alerts').getKey(id)));
  const writes = entries.filter((_, index) => alive[index] !== undefined).map(([id, state]) => tx.objectStore('alertState').put(state, id));
  await Promise.all([...writes, tx.done]);
}

/** The highest seq this device knows the rule fired at (here or pushed), or null. */
export async function newestFiredSeq(db: GeDb, alertId: string): Promise<number | null> {
  const range = IDBKeyRange.bound([alertId, -Infinity], [alertId, Infinity]);
  const cursor = await db.transaction('alertFired').store.openCursor(range, 'prev');
  return cursor ? cursor.key[1] : null;
}

/**
 * Records fired alerts (an entry already there for the same rule and seq is kept as it was, so a
 * push and the device telling the same firing stay one entry), then drops the oldest past FIRED_KEEP.
 */
export async function recordFired(db: GeDb, records: readonly FiredRecord[]): Promise<void> {
  const tx = db.transaction('alertFired', 'readwrite');
  const known = await Promise.all(records.map((r) => tx.store.getKey([r.alertId, r.seq])));
  await Promise.all(records.filter((_, index) => known[index] === undefined).map((record) => tx.store.put(record)));
  let excess = (await tx.store.count()) - FIRED_KEEP;
  let cursor = excess > 0 ? await tx.store.index('byFiredAt').openCursor() : null;
  while (cursor && excess > 0) {
    await cursor.delete();
    excess -= 1;
    cursor = await cursor.continue();
  }
  await tx.done;
}

/** Fired alerts, newest first. */
export async function listFired(db: GeDb, limit = FIRED_KEEP): Promise<FiredRecord[]> {
  const rows: unknown[] = [];
  let cursor = await db.transaction('alertFired').store.index('byFiredAt').openCursor(null, 'prev');
  while (cursor && rows.length < limit) {
    rows.push(cursor.value);
    cursor = await cursor.continue();
  }
  return keepValid(isFiredRecord, rows);
}

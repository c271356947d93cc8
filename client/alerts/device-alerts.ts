// The device's own evaluation, run by the tab that holds the stream after every batch, catch-up
// or snapshot it stored: the rules that are on, their stored states and the market the device
// holds go through the shared evaluator; the new states are stored; each alert that fired is
// recorded and shown, unless the server already pushed it at this seq or a newer one (its
// notification has the same tag, so showing again would only repeat it).
import { evaluateAlerts } from '../../shared/domain/alerts/evaluate-alerts';
import type { FiredAlert } from '../../shared/protocol/alerts';
import { listAlerts, newestFiredSeq, readAlertStates, recordFired, writeAlertStates, type StoredAlert } from '../db/alerts';
import { readMeta } from '../db/meta';
import type { GeDb } from '../db/schema';
import { readDeviceMarket } from './device-market';

export interface DeviceAlertsDeps {
  db: GeDb;
  /** A notification, or the in-app banner when notifications are not allowed. */
  show(fired: FiredAlert, rule: StoredAlert | undefined): Promise<void>;
  /** The fired history grew: pages re-read it. */
  recorded(): void;
  /** Unix seconds. */
  now?: () => number;
}

export interface DeviceAlerts {
  /** Runs an evaluation; calls while one runs make one more run after it (it sees the newest prices). */
  evaluate(): Promise<void>;
}

export function createDeviceAlerts(deps: DeviceAlertsDeps): DeviceAlerts {
  const now = deps.now ?? (() => Math.floor(Date.now() / 1000));
  let running: Promise<void> | null = null;
  let again = false;

  async function pass(): Promise<void> {
    const cursor = await readMeta(deps.db, 'cursor');
    if (!cursor) return;
    const time = now();
    // Expired rules are the evaluator's to skip; switched-off ones are not evaluated at all.
    const rules = (await listAlerts(deps.db)).filter((alert) => alert.enabled);
    if (rules.length === 0) return;
    const [states, market] = await Promise.all([
      readAlertStates(deps.db, rules.map((rule) => rule.id)),
      readDeviceMarket(deps.db, [...new Set(rules.map((rule) => rule.itemId))], time),
    ]);
    const result = evaluateAlerts(rules.map(({ enabled: _on, createdAt: _at, ...rule }) => rule), states, market, { seq: cursor.seq, time });
    await writeAlertStates(deps.db, result.states);
    let recorded = false;
    for (const fired of result.fired) {
      const known = await newestFiredSeq(deps.db, fired.alertId);
      if (known !== null && known >= fired.seq) continue;
      await recordFired(deps.db, [{ ...fired, source: 'device' }]);
      recorded = true;
      await deps.show(fired, rules.find((rule) => rule.id === fired.alertId)).catch(() => undefined);
    }
    if (recorded) deps.recorded();
  }

  async function loop(): Promise<void> {
    do {
      again = false;
      // A failed pass (storage refused) leaves the stored states as they were; the next batch evaluates again.
      await pass().catch(() => undefined);
    } while (again);
  }

  return {
    evaluate() {
      if (running) {
        again = true;
        return running;
      }
      running = loop().finally(() => (running = null));
      return running;
    },
  };
}

// The device's own evaluation, run by the tab that holds the stream after every batch, catch-up
// or snapshot it stored: the rules that are on and not expired, their stored states and the market
// the device holds go through the shared evaluator; the new states are stored; each alert that
// fired is recorded and shown, unless the server already pushed it at this seq or a newer one.
import type { AlertRule, FiredAlert } from '../../shared/protocol/alerts';
import { listAlerts, newestFiredSeq, readAlertStates, recordFired, writeAlertStates, type StoredAlert } from '../db/alerts';
import { readMeta } from '../db/meta';
import type { GeDb } from '../db/schema';

export interface EvaluationInput<Market> {
  rules: readonly AlertRule[];
  states: ReadonlyMap<string, unknown>;
  market: Market;
  sync: { seq: number; at: number };
}

export interface EvaluationResult {
  states: ReadonlyMap<string, unknown>;
  fired: readonly FiredAlert[];
}

export interface DeviceAlertsDeps<Market> {
  db: GeDb;
  /** What the rules' items trade at, as far as the device knows. */
  readMarket(db: GeDb, itemIds: readonly number[], now: number): Promise<Market>;
  evaluate(input: EvaluationInput<Market>): EvaluationResult;
  /** A notification, or the in-app banner when notifications are not allowed. */
  show(fired: FiredAlert, rule: StoredAlert | undefined): Promise<void>;
  /** The fired history grew: pages re-read it. */
  recorded(): void;
  /** Unix seconds. */
  now?: () => number;
}

export interface DeviceAlerts {
  /** Runs an evaluation; calls while one runs make one more run after it (they see the newest prices). */
  evaluate(): Promise<void>;
}

const liveRule = (now: number) => (alert: StoredAlert) => alert.enabled && (alert.expiresAt === null || alert.expiresAt > now);

export function createDeviceAlerts<Market>(deps: DeviceAlertsDeps<Market>): DeviceAlerts {
  const now = deps.now ?? (() => Math.floor(Date.now() / 1000));
  let running: Promise<void> | null = null;
  let again = false;

  async function pass(): Promise<void> {
    const cursor = await readMeta(deps.db, 'cursor');
    if (!cursor) return;
    const at = now();
    const rules = (await listAlerts(deps.db)).filter(liveRule(at));
    if (rules.length === 0) return;
    const [states, market] = await Promise.all([
      readAlertStates(deps.db, rules.map((rule) => rule.id)),
      deps.readMarket(deps.db, [...new Set(rules.map((rule) => rule.itemId))], at),
    ]);
    const result = deps.evaluate({ rules: rules.map(({ enabled: _on, createdAt: _at, ...rule }) => rule), states, market, sync: { seq: cursor.seq, at } });
    await writeAlertStates(deps.db, result.states);
    let recorded = false;
    for (const fired of result.fired) {
      const known = await newestFiredSeq(deps.db, fired.alertId);
      // The server pushed this firing (or a later one) already; its notification has the same tag.
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

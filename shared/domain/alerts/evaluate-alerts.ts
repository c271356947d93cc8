// Price alerts that do not cry wolf: one state machine, run by the device on every batch it
// applies and by the server after every committed /latest sync, so a closed phone is told exactly
// what an open one would have shown.
//
//   evaluateAlerts(rules, states, market, sync) -> { states, fired }
//
// - rules: the device's AlertRules; states: AlertState per rule id (JSON, may be empty);
//   market: AlertMarketItem per item id, only the items to look at (those the sync changed);
//   sync: { seq, time } of the sync being evaluated (time in unix seconds).
// - Returns the states of every given rule (unevaluated ones unchanged, those of removed rules
//   dropped) and the alerts that fired, each naming the sync's seq.
//
// The rules (alert-condition.ts for each kind's condition):
// - instant: the latest trades; fires when the condition held at two consecutive evaluations of
//   the item and the watched leg's trade time advanced between them (one odd trade fires nothing).
// - confirmed: the newest 5-minute averages, a leg only when it traded CONFIRMED_MIN_VOLUME units
//   in a window no older than CONFIRMED_MAX_AGE; fires at the first evaluation where it holds.
// - Edge-triggered: after firing a rule is disarmed until its value crosses back past the target
//   by the hysteresis margin; it never fires within cooldownSeconds of its last firing, nor at or
//   after expiresAt.
// - Idempotent: a sync whose seq is not newer than the state's changes nothing, so the seq of the
//   firing sync identifies an alert (the same seq never fires twice).
import type { AlertRule, AlertState, FiredAlert } from '../../protocol/alerts';
import { tradeTime, type AlertMarket, type AlertMarketItem } from './alert-market';
import { readCondition } from './alert-condition';

export interface AlertSync {
  seq: number;
  /** Unix seconds. */
  time: number;
}

export interface AlertEvaluation {
  states: Record<string, AlertState>;
  fired: FiredAlert[];
}

export interface RuleEvaluation {
  state: AlertState;
  fired: FiredAlert | null;
}

const signatures = new WeakMap<AlertRule, string>();

/** What identifies a rule's condition: editing any of these starts its state afresh. */
export function ruleSignature(rule: AlertRule): string {
  let signature = signatures.get(rule);
  if (signature === undefined) {
    signature = `${rule.itemId}|${rule.kind}|${rule.measure}|${rule.op}|${rule.target}|${rule.mode}|${rule.window}`;
    signatures.set(rule, signature);
  }
  return signature;
}

export function initialAlertState(rule: AlertRule): AlertState {
  return { rule: ruleSignature(rule), seq: -1, armed: true, pending: null, firedSeq: null, firedAt: null };
}

/** One rule against its item at one sync. */
export function evaluateRule(rule: AlertRule, previous: AlertState | undefined, item: AlertMarketItem, sync: AlertSync): RuleEvaluation {
  const signature = ruleSignature(rule);
  const prior = previous !== undefined && previous.rule === signature ? previous : initialAlertState(rule);
  if (sync.seq <= prior.seq) return { state: prior, fired: null };
  const cleared: AlertState = { ...prior, seq: sync.seq, pending: null };
  if (rule.expiresAt !== null && sync.time >= rule.expiresAt) return { state: cleared, fired: null };

  const reading = readCondition(rule, item, sync.time);
  if (reading === null) return { state: cleared, fired: null };
  const armed = prior.armed || reading.rearms;
  if (!reading.holds || !armed) return { state: { ...cleared, armed }, fired: null };

  let seen = null;
  if (rule.mode === 'instant') {
    const time = tradeTime(rule.measure, item);
    if (time === null) return { state: { ...cleared, armed }, fired: null };
    seen = { seq: sync.seq, tradeTime: time };
    if (prior.pending === null || time <= prior.pending.tradeTime) {
      return { state: { ...cleared, armed, pending: prior.pending ?? seen }, fired: null };
    }
  }
  if (prior.firedAt !== null && sync.time < prior.firedAt + rule.cooldownSeconds) {
    // Still armed: it fires once the cooldown is over if the condition still holds then.
    return { state: { ...cleared, armed, pending: seen }, fired: null };
  }
  const fired: FiredAlert = {
    alertId: rule.id,
    itemId: rule.itemId,
    measure: rule.measure,
    kind: rule.kind,
    value: reading.value,
    price: reading.price,
    seq: sync.seq,
    firedAt: sync.time,
  };
  return { state: { ...cleared, armed: false, firedSeq: sync.seq, firedAt: sync.time }, fired };
}

export function evaluateAlerts(
  rules: readonly AlertRule[],
  states: Readonly<Record<string, AlertState | undefined>>,
  market: AlertMarket,
  sync: AlertSync,
): AlertEvaluation {
  const next: Record<string, AlertState> = {};
  const fired: FiredAlert[] = [];
  for (const rule of rules) {
    const item = market.get(rule.itemId);
    const previous = states[rule.id];
    if (item === undefined) {
      if (previous !== undefined) next[rule.id] = previous;
      continue;
    }
    const result = evaluateRule(rule, previous, item, sync);
    next[rule.id] = result.state;
    if (result.fired !== null) fired.push(result.fired);
  }
  return { states: next, fired };
}

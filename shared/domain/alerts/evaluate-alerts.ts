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
import { readItem, tradeTime, type AlertMarket, type ItemReadings } from './alert-market';
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

export function initialAlertState(rule: AlertRule, signature = ruleSignature(rule)): AlertState {
  return { rule: signature, seq: -1, armed: true, pending: null, firedSeq: null, firedAt: null };
}

/**
 * Passed by a caller that keeps its own copy of each rule and of its states (the server's index):
 * the rule's signature kept beside it, and states that are the caller's own, so a state that only
 * moves on to a newer seq is updated in place rather than made anew, for every rule at every sync.
 */
export interface HeldRule {
  signature: string;
}

/** The state after a sync that fired nothing: a held one moved on in place when only its seq changes. */
function moveOn(prior: AlertState, inPlace: boolean, seq: number, armed: boolean, pending: AlertState['pending']): RuleEvaluation {
  if (inPlace && armed === prior.armed && pending === prior.pending) {
    prior.seq = seq;
    return { state: prior, fired: null };
  }
  return { state: { rule: prior.rule, seq, armed, pending, firedSeq: prior.firedSeq, firedAt: prior.firedAt }, fired: null };
}

/**
 * One rule against its item at one sync: `readings` is readItem(item, sync.time), shared by every
 * rule of the item.
 */
export function evaluateRule(rule: AlertRule, previous: AlertState | undefined, readings: ItemReadings, sync: AlertSync, held?: HeldRule): RuleEvaluation {
  const signature = held?.signature ?? ruleSignature(rule);
  const prior = previous !== undefined && previous.rule === signature ? previous : initialAlertState(rule, signature);
  if (sync.seq <= prior.seq) return { state: prior, fired: null };
  const inPlace = held !== undefined && prior === previous;
  if (rule.expiresAt !== null && sync.time >= rule.expiresAt) return moveOn(prior, inPlace, sync.seq, prior.armed, null);

  const reading = readCondition(rule, readings);
  if (reading === null) return moveOn(prior, inPlace, sync.seq, prior.armed, null);
  const armed = prior.armed || reading.rearms;
  if (!reading.holds || !armed) return moveOn(prior, inPlace, sync.seq, armed, null);

  let seen = null;
  if (rule.mode === 'instant') {
    const time = tradeTime(rule.measure, readings.item);
    if (time === null) return moveOn(prior, inPlace, sync.seq, armed, null);
    seen = { seq: sync.seq, tradeTime: time };
    if (prior.pending === null || time <= prior.pending.tradeTime) {
      return moveOn(prior, inPlace, sync.seq, armed, prior.pending ?? seen);
    }
  }
  if (prior.firedAt !== null && sync.time < prior.firedAt + rule.cooldownSeconds) {
    // Still armed: it fires once the cooldown is over if the condition still holds then.
    return moveOn(prior, inPlace, sync.seq, armed, seen);
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
  return { state: { rule: signature, seq: sync.seq, armed: false, pending: null, firedSeq: sync.seq, firedAt: sync.time }, fired };
}

export function evaluateAlerts(
  rules: readonly AlertRule[],
  states: Readonly<Record<string, AlertState | undefined>>,
  market: AlertMarket,
  sync: AlertSync,
): AlertEvaluation {
  const next: Record<string, AlertState> = {};
  const fired: FiredAlert[] = [];
  const read = new Map<number, ItemReadings>();
  for (const rule of rules) {
    const item = market.get(rule.itemId);
    const previous = states[rule.id];
    if (item === undefined) {
      if (previous !== undefined) next[rule.id] = previous;
      continue;
    }
    let readings = read.get(rule.itemId);
    if (readings === undefined) read.set(rule.itemId, (readings = readItem(rule.itemId, item, sync.time)));
    const result = evaluateRule(rule, previous, readings, sync);
    next[rule.id] = result.state;
    if (result.fired !== null) fired.push(result.fired);
  }
  return { states: next, fired };
}

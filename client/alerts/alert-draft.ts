// What the alert form holds while it is filled in, and the one step from it to a rule: the target
// read as gp (`1.5m`, `250k`), percent or units by what is measured, an optional local expiry.
// Every problem is said, never silently ignored.
import { parsePercent, parsePrice } from '../../shared/domain/price-format';
import { AlertRuleSchema, KIND_MEASURES, type AlertKind, type AlertMeasure, type AlertMode, type AlertOp, type MoveWindow } from '../../shared/protocol/alerts';
import type { StoredAlert } from '../db/alerts';
import { fromLocalInput, toLocalInput } from '../journal/trade-draft';

export interface AlertDraft {
  /** Set when editing a rule. */
  id: string | null;
  itemName: string;
  kind: AlertKind;
  measure: AlertMeasure;
  op: AlertOp;
  target: string;
  mode: AlertMode;
  window: MoveWindow;
  /** datetime-local in the device's zone; empty: never expires. */
  expires: string;
}

export function emptyAlertDraft(itemName = ''): AlertDraft {
  return { id: null, itemName, kind: 'threshold', measure: 'buy', op: 'below', target: '', mode: 'instant', window: '1h', expires: '' };
}

export function alertDraftOf(alert: StoredAlert, itemName: string): AlertDraft {
  return {
    id: alert.id,
    itemName,
    kind: alert.kind,
    measure: alert.measure,
    op: alert.op,
    target: String(alert.target),
    mode: alert.mode,
    window: alert.window,
    expires: alert.expiresAt === null ? '' : toLocalInput(alert.expiresAt),
  };
}

/** What the target field expects, for its hint and its error. */
export function targetHint(kind: AlertKind, measure: AlertMeasure): string {
  if (kind === 'move') return 'a percent, e.g. 5 or 2.5%';
  if (kind === 'dump') return 'a percent below the 24 h average, e.g. 10';
  if (measure === 'roi') return 'a percent, e.g. 4 or 2.5%';
  if (measure === 'volume') return 'units traded in 24 h, e.g. 5000 or 12k';
  return 'gp, e.g. 250k or 1.5m';
}

function readTarget(draft: AlertDraft): number | null {
  if (draft.kind !== 'threshold' || draft.measure === 'roi') return parsePercent(draft.target);
  return parsePrice(draft.target);
}

export type AlertDraftResult = { alert: StoredAlert; error?: undefined } | { error: string; alert?: undefined };

export interface ReadAlertContext {
  itemIdOf: (name: string) => number | null;
  newId: () => string;
  /** Unix seconds. */
  now: number;
  /** The rule being edited keeps when it was made and whether it is on. */
  previous?: StoredAlert;
}

/** The rule a filled-in form stands for, or what is wrong with it. */
export function readAlertDraft(draft: AlertDraft, context: ReadAlertContext): AlertDraftResult {
  const name = draft.itemName.trim();
  if (name === '') return { error: 'Choose an item for the alert.' };
  const itemId = context.itemIdOf(name);
  if (itemId === null) return { error: `No item called "${name}".` };
  if (!KIND_MEASURES[draft.kind].includes(draft.measure)) return { error: `A ${draft.kind} alert cannot watch that measure.` };
  const target = readTarget(draft);
  if (target === null) return { error: `Enter the target as ${targetHint(draft.kind, draft.measure)}.` };
  const needsPositive = draft.kind !== 'threshold' || draft.measure === 'buy' || draft.measure === 'sell' || draft.measure === 'volume';
  if (needsPositive && target <= 0) return { error: `The target must be more than 0: ${targetHint(draft.kind, draft.measure)}.` };
  if (draft.kind !== 'threshold' && target >= 100 && (draft.kind === 'dump' || draft.op === 'below')) return { error: 'A price cannot fall by 100% or more.' };
  let expiresAt: number | null = null;
  if (draft.expires.trim() !== '') {
    expiresAt = fromLocalInput(draft.expires);
    if (expiresAt === null) return { error: 'Enter the expiry as a date and time, or leave it empty.' };
    if (expiresAt <= context.now) return { error: 'The expiry is in the past: choose a later time, or leave it empty.' };
  }
  const parsed = AlertRuleSchema.safeParse({
    id: draft.id ?? context.newId(),
    itemId,
    kind: draft.kind,
    measure: draft.measure,
    op: draft.kind === 'dump' ? 'below' : draft.op,
    target,
    mode: draft.mode,
    window: draft.window,
    expiresAt,
  });
  if (!parsed.success) return { error: `Cannot save this alert: ${parsed.error.issues[0]?.message ?? 'invalid rule'}.` };
  return { alert: { ...parsed.data, enabled: context.previous?.enabled ?? true, createdAt: context.previous?.createdAt ?? Date.now() } };
}

/** A rule id: short, URL-safe, fits the schema's pattern. */
export function newAlertId(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 20);
}

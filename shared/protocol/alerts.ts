// Price alert rules: what a device keeps, evaluates and sends to the server with its push
// subscription (POST /api/v1/push/subscriptions). One schema for both sides.
import { z } from 'zod';
import { MAX_ITEM_ID } from './item-id';
import { ALERT_KINDS, ALERT_MEASURES, ALERT_MODES, ALERT_OPS, KIND_MEASURES, MAX_RULES_PER_DEVICE, MOVE_WINDOWS } from '../domain/alert-rules';

// The kinds, measures and limits live zod-free in shared/domain/alert-rules.ts, so the app's first
// paint can check stored rules without loading zod (docs/decisions/0005-client-device-data.md).
export { ALERT_KINDS, ALERT_MEASURES, ALERT_MODES, ALERT_OPS, KIND_MEASURES, MAX_RULES_PER_DEVICE, MOVE_WINDOWS } from '../domain/alert-rules';
export type { AlertKind, AlertMeasure, AlertMode, AlertOp, MoveWindow } from '../domain/alert-rules';

export const AlertRuleSchema = z
  .object({
    /** Chosen by the device; stable for the rule's life; the notification tag is `alert-<id>`. */
    id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
    itemId: z.number().int().positive().max(MAX_ITEM_ID),
    kind: z.enum(ALERT_KINDS).default('threshold'),
    measure: z.enum(ALERT_MEASURES),
    op: z.enum(ALERT_OPS),
    /** gp for prices, margin and profit; percent for roi, move and dump; units for volume. */
    target: z.number().finite().min(-1e12).max(1e12),
    mode: z.enum(ALERT_MODES).default('instant'),
    /** For `move`: the span the move is measured over. */
    window: z.enum(MOVE_WINDOWS).default('1h'),
    /** Unix seconds after which the rule no longer fires; absent: never expires. */
    expiresAt: z.number().int().positive().nullable().default(null),
    /** Seconds after firing before the rule may fire again. */
    cooldownSeconds: z.number().int().min(0).max(7 * 86400).default(1800),
  })
  .strict()
  // A rule the evaluator would never fire is refused, not stored to sit silent.
  .superRefine((rule, context) => {
    if (!KIND_MEASURES[rule.kind].includes(rule.measure)) {
      context.addIssue({ code: 'custom', path: ['measure'], message: `a ${rule.kind} rule watches ${KIND_MEASURES[rule.kind].join(' or ')}, not ${rule.measure}` });
    }
  });
export type AlertRule = z.infer<typeof AlertRuleSchema>;
export type AlertRuleInput = z.input<typeof AlertRuleSchema>;

export const AlertRulesSchema = z.array(AlertRuleSchema).max(MAX_RULES_PER_DEVICE);

/** What a fired alert says: the push payload and the device's history entry. */
export const FiredAlertSchema = z.object({
  alertId: z.string(),
  itemId: z.number().int(),
  measure: z.enum(ALERT_MEASURES),
  kind: z.enum(ALERT_KINDS),
  /** The measured value that fired it (gp, percent or units, as the rule's target). */
  value: z.number(),
  /** The price of the leg the rule watched, in gp (for margin/profit/roi: the buy price). */
  price: z.number().int().nullable(),
  /** The seq of the sync that fired it: the idempotency key. */
  seq: z.number().int(),
  /** Unix seconds. */
  firedAt: z.number().int(),
});
export type FiredAlert = z.infer<typeof FiredAlertSchema>;

/**
 * One rule's evaluation state between syncs (shared/domain/alerts/evaluate-alerts.ts), kept as JSON
 * in IndexedDB on the device and in the database on the server.
 */
export const AlertStateSchema = z.object({
  /** The rule's condition when this state was made; a rule edited since starts afresh. */
  rule: z.string().max(200),
  /** The last sync that evaluated the rule: a sync with this seq or an older one changes nothing. */
  seq: z.number().int(),
  /** False from a firing until the value crosses back past the target by the hysteresis margin. */
  armed: z.boolean(),
  /** An instant rule whose condition held at the last evaluation: that sync and the trade time seen. */
  pending: z.object({ seq: z.number().int(), tradeTime: z.number().int() }).nullable(),
  firedSeq: z.number().int().nullable(),
  /** Unix seconds of the last firing; the cooldown counts from it. */
  firedAt: z.number().int().nullable(),
});
export type AlertState = z.infer<typeof AlertStateSchema>;

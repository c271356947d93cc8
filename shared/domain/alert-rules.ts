// What an alert rule can say, without zod: the kinds, measures, directions, modes, windows and the
// cap per device. The rule's schema (shared/protocol/alerts.ts) is built from these.

export const ALERT_MEASURES = ['buy', 'sell', 'margin', 'profit', 'roi', 'volume'] as const;
export type AlertMeasure = (typeof ALERT_MEASURES)[number];

export const ALERT_OPS = ['above', 'below'] as const;
export type AlertOp = (typeof ALERT_OPS)[number];

/**
 * instant: the latest trades, firing only when the condition held on two consecutive syncs and the
 * leg's trade time advanced. confirmed: the 5-minute averages, with a minimum volume.
 */
export const ALERT_MODES = ['instant', 'confirmed'] as const;
export type AlertMode = (typeof ALERT_MODES)[number];

/**
 * threshold: measure above/below target (gp; percent for roi; units for volume).
 * move: measure moved by at least `target` percent (up for above, down for below) over `window`.
 * dump: price at least `target` percent below its 24 h average, with a volume spike.
 */
export const ALERT_KINDS = ['threshold', 'move', 'dump'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Measures each kind can watch: a move or a dump is about a price (the evaluator reads no other). */
export const KIND_MEASURES: Readonly<Record<AlertKind, readonly AlertMeasure[]>> = {
  threshold: ALERT_MEASURES,
  move: ['buy', 'sell'],
  dump: ['buy', 'sell'],
};

export const MOVE_WINDOWS = ['1h', '24h'] as const;
export type MoveWindow = (typeof MOVE_WINDOWS)[number];

/** Rules one device (and so one subscription) may hold. */
export const MAX_RULES_PER_DEVICE = 50;

// What a rule reads from its item, as a small number: rules that read the same thing (kind, mode,
// measure and, for a move, its window) share one reading per item and sync, worked out by the
// device's own readCondition for a rule of that code, once, however many rules of the item read it.
import type { AlertRule } from '../../shared/protocol/alerts';
import { ALERT_KINDS, ALERT_MEASURES, ALERT_MODES, MOVE_WINDOWS } from '../../shared/domain/alert-rules';
import { hasVolumeSpike, readCondition } from '../../shared/domain/alerts/alert-condition';
import { tradeTime, type ItemReadings } from '../../shared/domain/alerts/alert-market';

const MEASURES = ALERT_MEASURES.length;
const WINDOWS = MOVE_WINDOWS.length;
export const READING_CODES = ALERT_KINDS.length * ALERT_MODES.length * MEASURES * WINDOWS;

/** Only a move reads its window; the other kinds share code 0 of it. */
export function readingCode(rule: Pick<AlertRule, 'kind' | 'mode' | 'measure' | 'window'>): number {
  const window = rule.kind === 'move' ? MOVE_WINDOWS.indexOf(rule.window) : 0;
  return ((ALERT_KINDS.indexOf(rule.kind) * ALERT_MODES.length + ALERT_MODES.indexOf(rule.mode)) * MEASURES + ALERT_MEASURES.indexOf(rule.measure)) * WINDOWS + window;
}

/** A rule of each code; the value and price readCondition reports depend on nothing else of it. */
const PROTOTYPES: AlertRule[] = ALERT_KINDS.flatMap((kind) => ALERT_MODES.flatMap((mode) => ALERT_MEASURES.flatMap((measure) => MOVE_WINDOWS.map((window) => ({
  id: 'code', itemId: 1, kind, mode, measure, window, op: 'above' as const, target: 0, expiresAt: null, cooldownSeconds: 0,
})))));

/** One item's readings by code at one sync, each worked out when a rule first asks for it. Nulls are NaN. */
export interface ReadingTable {
  /** Starts a new item: every code is unread again. */
  reset(readings: ItemReadings): void;
  /** Makes sure code `code` is read; then value[code], price[code], tradeTime[code] and gate[code] hold it. */
  read(code: number): void;
  readonly fresh: Uint32Array;
  readonly generation: () => number;
  /** The measure (threshold), the percent move (move) or the percent drop (dump). */
  readonly value: Float64Array;
  readonly price: Float64Array;
  /** The trade time that must advance between an instant rule's two syncs. */
  readonly tradeTime: Float64Array;
  /** 0 when the condition cannot hold whatever the value (a dump without a volume spike). */
  readonly gate: Uint8Array;
}

export function createReadingTable(): ReadingTable {
  const fresh = new Uint32Array(READING_CODES);
  const value = new Float64Array(READING_CODES);
  const price = new Float64Array(READING_CODES);
  const trade = new Float64Array(READING_CODES);
  const gate = new Uint8Array(READING_CODES);
  let generation = 0;
  let current: ItemReadings | null = null;
  let spike: boolean | null = null;
  return {
    reset(readings) {
      current = readings;
      spike = null;
      generation += 1;
    },
    read(code) {
      if (fresh[code] === generation || current === null) return;
      fresh[code] = generation;
      const rule = PROTOTYPES[code]!;
      const reading = readCondition(rule, current);
      value[code] = reading?.value ?? NaN;
      price[code] = reading?.price ?? NaN;
      trade[code] = tradeTime(rule.measure, current.item) ?? NaN;
      gate[code] = rule.kind !== 'dump' || (spike ??= hasVolumeSpike(current.item, current.now)) ? 1 : 0;
    },
    fresh,
    generation: () => generation,
    value,
    price,
    tradeTime: trade,
    gate,
  };
}

// The compact price format `p1`: one batch of price changes as a flat JSON array of numbers, no
// keys. Used by the stream's `p1` event (a sync, a catch-up) and by /prices/latest?format=p1 (a
// snapshot). The layout (README "Compact format", docs/decisions/0010-compact-stream.md):
//
//   [BASE, HEAD, legs..., HEAD, legs..., ...]
//
// BASE: unix seconds, the batch's time; every leg time is sent as BASE - time.
// HEAD: (itemId - previous itemId) * 9 + highState + 3 * lowState, ids strictly ascending from 0.
// A leg's state: 0 unchanged (nothing follows), 1 given (price, BASE - time follow, either may
// be null), 2 became null (nothing follows). The high leg's tokens come before the low leg's.
// Prices are absolute: a batch never depends on an earlier one for its numbers.
import type { PriceLegs } from '../domain/price-legs';
import { MAX_ITEM_ID } from './item-id';

/** The format's name: the query value that asks for it and the stream event that carries it. */
export const COMPACT_FORMAT = 'p1';

/** `json`: the original events and payloads, for any client that does not ask; `p1`: this format. */
export type PriceFormat = 'json' | typeof COMPACT_FORMAT;

/** One leg's new state. Both null: the leg became null (never traded, or no longer reported). */
export interface Leg {
  price: number | null;
  time: number | null;
}

/** One item's change; a leg that is absent did not change. */
export interface CompactItem {
  itemId: number;
  high?: Leg;
  low?: Leg;
}

export interface CompactBatch {
  /** Unix seconds. */
  base: number;
  /** Ascending by itemId. */
  items: CompactItem[];
}

const UNCHANGED = 0;
const GIVEN = 1;
const NULLED = 2;
const STATES = 3;
const HEAD_SPAN = STATES * STATES;

function legState(leg: Leg | undefined): number {
  if (leg === undefined) return UNCHANGED;
  return leg.price === null && leg.time === null ? NULLED : GIVEN;
}

/** The batch as the JSON text of its array. Items must be ascending by id (the caller's order). */
export function encodeCompactBatch(batch: CompactBatch): string {
  const { base } = batch;
  let out = String(base);
  let previous = 0;
  for (const item of batch.items) {
    if (item.itemId <= previous) throw new RangeError(`compact batch ids must ascend: ${item.itemId} after ${previous}`);
    const high = legState(item.high);
    const low = legState(item.low);
    out += `,${(item.itemId - previous) * HEAD_SPAN + high + STATES * low}`;
    previous = item.itemId;
    if (high === GIVEN) out += legTokens(item.high as Leg, base);
    if (low === GIVEN) out += legTokens(item.low as Leg, base);
  }
  return `[${out}]`;
}

function legTokens(leg: Leg, base: number): string {
  return `,${leg.price === null ? 'null' : leg.price},${leg.time === null ? 'null' : base - leg.time}`;
}

/** Both legs of a full state, as a snapshot or a catch-up without per-leg history sends them. */
export function fullLegs(itemId: number, legs: PriceLegs): CompactItem {
  return { itemId, high: { price: legs.high, time: legs.highTime }, low: { price: legs.low, time: legs.lowTime } };
}

const isInt = (value: unknown): value is number => Number.isSafeInteger(value);
const isIntOrNull = (value: unknown): value is number | null => value === null || isInt(value);

/** The batch in `data` (JSON text or already parsed), or null when it does not fit the format. */
export function decodeCompactBatch(data: unknown): CompactBatch | null {
  let tokens: unknown = data;
  if (typeof data === 'string') {
    try {
      tokens = JSON.parse(data);
    } catch {
      return null;
    }
  }
  if (!Array.isArray(tokens)) return null;
  const base: unknown = tokens[0];
  if (!isInt(base)) return null;
  const items: CompactItem[] = [];
  let previous = 0;
  let at = 1;
  /** The leg in `state` at `at` (moving past its tokens), undefined when unchanged, null when it does not fit. */
  const leg = (state: number): Leg | undefined | null => {
    if (state === UNCHANGED) return undefined;
    if (state === NULLED) return { price: null, time: null };
    const price: unknown = tokens[at];
    const dt: unknown = tokens[at + 1];
    if (at + 1 >= tokens.length || !isIntOrNull(price) || !isIntOrNull(dt)) return null;
    at += 2;
    return { price, time: dt === null ? null : base - dt };
  };
  while (at < tokens.length) {
    const head: unknown = tokens[at];
    at += 1;
    if (!isInt(head) || head < HEAD_SPAN) return null;
    const itemId = previous + Math.floor(head / HEAD_SPAN);
    const mask = head % HEAD_SPAN;
    if (itemId > MAX_ITEM_ID || mask === UNCHANGED) return null;
    // The high leg's tokens come first.
    const high = leg(mask % STATES);
    if (high === null) return null;
    const low = leg(Math.floor(mask / STATES));
    if (low === null) return null;
    const item: CompactItem = { itemId };
    if (high !== undefined) item.high = high;
    if (low !== undefined) item.low = low;
    items.push(item);
    previous = itemId;
  }
  return { base, items };
}

/** `held` with the batch item's changed legs laid over it; a leg absent from both is null. */
export function applyCompactItem(held: PriceLegs | undefined, item: CompactItem): PriceLegs {
  return {
    high: item.high ? item.high.price : (held?.high ?? null),
    highTime: item.high ? item.high.time : (held?.highTime ?? null),
    low: item.low ? item.low.price : (held?.low ?? null),
    lowTime: item.low ? item.low.time : (held?.lowTime ?? null),
  };
}

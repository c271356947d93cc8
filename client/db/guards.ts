// Checks for what comes back out of IndexedDB. The shapes are the shared protocol's types; a
// `shape` must name a check for every field of its type, so the two cannot drift apart. Hand
// written rather than zod so the first paint from the device does not wait for zod's runtime
// (see docs/decisions/0005-client-device-data.md).
import { isTimestep, type Timestep } from '../../shared/domain/timestep';

export type Guard<T> = (value: unknown) => value is T;

export const int: Guard<number> = (value): value is number => Number.isSafeInteger(value);
export const num: Guard<number> = (value): value is number => typeof value === 'number' && Number.isFinite(value);
export const str: Guard<string> = (value): value is string => typeof value === 'string';
export const bool: Guard<boolean> = (value): value is boolean => typeof value === 'boolean';
export const timestep: Guard<Timestep> = isTimestep;

export function nullable<T>(guard: Guard<T>): Guard<T | null> {
  return (value): value is T | null => value === null || guard(value);
}

export function shape<T extends object>(fields: { [K in keyof T]-?: Guard<T[K]> }): Guard<T> {
  const entries = Object.entries(fields) as Array<[string, Guard<unknown>]>;
  return (value): value is T => {
    if (typeof value !== 'object' || value === null) return false;
    const record = value as Record<string, unknown>;
    return entries.every(([key, guard]) => guard(record[key]));
  };
}

/** Keeps the rows that pass, dropping damaged ones or those written by an older app version. */
export function keepValid<T>(guard: Guard<T>, rows: readonly unknown[]): T[] {
  return rows.filter(guard);
}

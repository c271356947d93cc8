// The one rule for a number in a query string or a path, on every route and on the stream:
// decimal digits only. No sign, spaces, fraction, exponent or hex: `10`, never ` 10`, `1e1`,
// `0xa` or `10.0`, which Number() would all read as ten.
import { z } from 'zod';

const DIGITS_RE = /^\d+$/;

/** `text` as a number from 0 to `max`, or null when it is anything else. */
export function readWholeNumber(text: string, max: number): number | null {
  if (!DIGITS_RE.test(text)) return null;
  const value = Number(text);
  return value <= max ? value : null;
}

/** The same rule as a schema over a query or path string, with a message naming the bound. */
export function wholeNumber(min: number, max: number) {
  return z
    .string()
    .regex(DIGITS_RE, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().min(min, `expected at least ${min}`).max(max, `expected at most ${max}`));
}

// Schemas for the route params and query strings that shared/protocol/api.ts does not define
// (the ones only the server parses). Strings in, typed values out.
import { z } from 'zod';
import { TimestepSchema } from '../../shared/protocol/api';

export const MAX_ITEM_ID = 2 ** 31 - 1;
/** Unix seconds up to the year 2286: generous, but a typo of extra digits is still refused. */
const MAX_UNIX_TIME = 9_999_999_999;

function wholeNumber(max: number) {
  return z
    .string()
    .regex(/^\d+$/, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().max(max, `expected at most ${max}`));
}

export const ItemIdParamsSchema = z.object({ id: wholeNumber(MAX_ITEM_ID) });

export const HistoryQuerySchema = z.object({
  timestep: TimestepSchema,
  since: wholeNumber(MAX_UNIX_TIME).optional(),
});

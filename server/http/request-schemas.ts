// Schemas for the route params and query strings that shared/protocol/api.ts does not define
// (the ones only the server parses). Strings in, typed values out.
import { z } from 'zod';
import { TimestepSchema } from '../../shared/protocol/api';
import { MAX_ITEM_ID } from '../../shared/protocol/item-id';
import { wholeNumber } from '../../shared/protocol/whole-number';

/** Unix seconds up to the year 2286: generous, but a typo of extra digits is still refused. */
const MAX_UNIX_TIME = 9_999_999_999;

export const ItemIdParamsSchema = z.object({ id: wholeNumber(0, MAX_ITEM_ID) });

export const HistoryQuerySchema = z.object({
  timestep: TimestepSchema,
  since: wholeNumber(0, MAX_UNIX_TIME).optional(),
});

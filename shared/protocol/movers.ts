// GET /api/v1/movers: the risers and fallers the server ranks from its buckets.
import { z } from 'zod';
import { TIMESTEPS } from '../domain/timestep';

export const MoverSchema = z.object({
  itemId: z.number().int(),
  startPrice: z.number(),
  endPrice: z.number(),
  volume: z.number().int(),
  change: z.number(),
});

export const MoversResponseSchema = z.object({
  period: z.enum(['1h', '24h', '7d']),
  timestep: z.enum(TIMESTEPS),
  /** Start of the newest bucket the ranking used (unix seconds); null when the store holds none. */
  asOf: z.number().int().nullable(),
  minVolume: z.number().int(),
  risers: z.array(MoverSchema),
  fallers: z.array(MoverSchema),
});

export type MoversResponse = z.infer<typeof MoversResponseSchema>;

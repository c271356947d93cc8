// GET /api/v1/movers?period=24h&minVolume=1000&limit=20: risers and fallers ranked from the
// store's buckets. The per-item summaries are kept until a sync stores a newer bucket, so only
// the ranking (cheap) runs per request.
import type Router from '@koa/router';
import { z } from 'zod';
import { DEFAULT_MIN_VOLUME, MOVER_PERIODS, PERIOD_SECONDS, PERIOD_STEP, rankMovers, type MoverPeriod, type MoverSummary } from '../../shared/domain/movers';
import type { MoversResponse } from '../../shared/protocol/movers';
import type { AppDeps } from '../app-deps';
import { readMoverSummaries, readNewestBucket } from '../store/movers-query';
import { validate } from './validate';

const MoversQuerySchema = z.object({
  period: z.enum(MOVER_PERIODS).default('24h'),
  minVolume: z.coerce.number().int().min(0).max(1e12).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
const parseQuery = validate(MoversQuerySchema);

export function registerMoversRoutes(router: Router, deps: Pick<AppDeps, 'db'>): void {
  const cache = new Map<MoverPeriod, { newest: number; summaries: MoverSummary[] }>();
  const summaries = async (period: MoverPeriod, newest: number): Promise<MoverSummary[]> => {
    const cached = cache.get(period);
    if (cached?.newest === newest) return cached.summaries;
    const fresh = await readMoverSummaries(deps.db, PERIOD_STEP[period], PERIOD_SECONDS[period], newest);
    cache.set(period, { newest, summaries: fresh });
    return fresh;
  };

  router.get('/api/v1/movers', async (ctx) => {
    const { period, minVolume = DEFAULT_MIN_VOLUME[period], limit } = parseQuery(ctx.query);
    const timestep = PERIOD_STEP[period];
    const newest = await readNewestBucket(deps.db, timestep);
    const ranked = newest === null ? { risers: [], fallers: [] } : rankMovers(await summaries(period, newest), minVolume, limit);
    const body: MoversResponse = { period, timestep, asOf: newest, minVolume, ...ranked };
    ctx.body = body;
  });
}

import type Router from '@koa/router';
import type { AppDeps } from '../app-deps';
import { parseEventId } from '../../shared/domain/event-id';
import type { LatestPrice, LatestPricesResponse } from '../../shared/protocol/api';
import { encodeCompactLatest } from '../../shared/protocol/compact-latest';
import { readLatestPrices } from '../store/latest-query';
import { readStreamState } from '../store/stream-state';
import { parseFormat } from '../stream/stream-request';

export function registerPriceRoutes(router: Router, deps: Pick<AppDeps, 'db'>): void {
  router.get('/api/v1/prices/latest', async (ctx) => {
    const format = parseFormat(ctx.query.format);
    // State first, rows second: a change committed in between then shows up in the rows with a
    // seq above the cursor we hand out, and is harmlessly re-applied later. The other order
    // could hand out a cursor past a change the rows lack, and that change would be lost.
    const state = await readStreamState(deps.db);
    const since = parseEventId(typeof ctx.query.since === 'string' ? ctx.query.since : null);
    // Another epoch, a cursor ahead of us or garbage: the client cannot be patched, so it gets
    // everything (never a 400: a client recovering from a bad cursor relies on this answer).
    const delta = since !== null && since.epoch === state.epoch && since.seq <= state.seq;
    const rows = await readLatestPrices(deps.db, delta ? since.seq : undefined);
    ctx.set('Cache-Control', 'no-store');
    if (format !== 'json') {
      ctx.type = 'application/json';
      ctx.body = encodeCompactLatest(state, !delta, rows);
      return;
    }
    const prices: Record<string, LatestPrice> = {};
    for (const row of rows) {
      prices[row.itemId] = { high: row.high, highTime: row.highTime, low: row.low, lowTime: row.lowTime, seq: row.seq };
    }
    const body: LatestPricesResponse = { epoch: state.epoch, seq: state.seq, full: !delta, prices };
    ctx.body = body;
  });
}

import { describe, expect, it } from 'vitest';
import { BudgetFullError, createRequestBudget } from './request-budget';

describe('the request budget', () => {
  it('keeps a slot for scheduled calls that on-demand ones cannot take', async () => {
    const budget = createRequestBudget({ maxConcurrent: 4, maxPerMinute: 100, queueMax: 10 });
    const held = await Promise.all([1, 2, 3].map(() => budget.acquire('on-demand')));
    let fourth = false;
    const waiting = budget.acquire('on-demand').then((release) => { fourth = true; return release; });
    const scheduled = await budget.acquire('scheduled');
    expect(fourth).toBe(false);
    held[0]?.();
    (await waiting)();
    scheduled();
  });

  it('serves a waiting scheduled call before waiting on-demand ones', async () => {
    const budget = createRequestBudget({ maxConcurrent: 1, maxPerMinute: 100, queueMax: 10 });
    const first = await budget.acquire('on-demand');
    const order: string[] = [];
    const onDemand = budget.acquire('on-demand').then((release) => { order.push('on-demand'); release(); });
    const scheduled = budget.acquire('scheduled').then((release) => { order.push('scheduled'); release(); });
    first();
    await Promise.all([onDemand, scheduled]);
    expect(order).toEqual(['scheduled', 'on-demand']);
  });

  it('refuses on-demand calls beyond the queue at once, and counts every start against the minute', async () => {
    let now = 0;
    const budget = createRequestBudget({ maxConcurrent: 10, maxPerMinute: 4, queueMax: 1 }, () => now);
    for (let i = 0; i < 3; i += 1) (await budget.acquire('on-demand'))();
    const queued = budget.acquire('on-demand');
    const refused = await budget.acquire('on-demand').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BudgetFullError);
    expect((refused as BudgetFullError).retryAfterMs).toBeGreaterThanOrEqual(1000);
    // The minute's last start is the scheduled sync's.
    const scheduled = await budget.acquire('scheduled');
    now = 60_001;
    scheduled();
    (await queued)();
  });

  it('lets an aborted waiter leave the queue', async () => {
    const budget = createRequestBudget({ maxConcurrent: 2, maxPerMinute: 100, queueMax: 1 });
    const held = await budget.acquire('on-demand');
    const controller = new AbortController();
    const waiting = budget.acquire('on-demand', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow();
    held();
    (await budget.acquire('on-demand'))();
  });
});

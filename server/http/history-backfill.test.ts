import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { createBackfillGate } from './history-backfill';

function setup(backfill: (itemId: number) => Promise<void>, waitMs = 1_000) {
  const clock = { now: 1_000 };
  const calls: number[] = [];
  const gate = createBackfillGate({
    backfill: (itemId) => {
      calls.push(itemId);
      return backfill(itemId);
    },
    waitMs,
    logger: createLogger('silent'),
    nowSeconds: () => clock.now,
  });
  return { gate, calls, clock };
}

describe('the history backfill gate', () => {
  it('makes one upstream call for concurrent requests of the same series', async () => {
    let release = (): void => {};
    const { gate, calls } = setup(() => new Promise<void>((resolve) => (release = resolve)));
    const first = gate.run(4151, '1h');
    const second = gate.run(4151, '1h');
    release();
    expect(await Promise.all([first, second])).toEqual(['backfilled', 'backfilled']);
    expect(calls).toEqual([4151]);
  });

  it('does not ask again for a series it just fetched, but does for another item', async () => {
    const { gate, calls } = setup(async () => {});
    expect(await gate.run(4151, '1h')).toBe('backfilled');
    expect(await gate.run(4151, '1h')).toBe('stored');
    expect(await gate.run(561, '1h')).toBe('backfilled');
    expect(calls).toEqual([4151, 561]);
  });

  it('retries a failed upstream after a minute', async () => {
    const { gate, calls, clock } = setup(async () => {
      throw new Error('HTTP 503');
    });
    expect(await gate.run(4151, '24h')).toBe('stored; upstream unavailable');
    clock.now += 30;
    expect(await gate.run(4151, '24h')).toBe('stored; upstream unavailable');
    expect(calls).toHaveLength(1);
    clock.now += 31;
    await gate.run(4151, '24h');
    expect(calls).toHaveLength(2);
  });

  it('answers from the store when upstream is slow, and joins the call still running', async () => {
    let release = (): void => {};
    const { gate, calls } = setup(() => new Promise<void>((resolve) => (release = resolve)), 20);
    expect(await gate.run(4151, '6h')).toBe('stored; upstream unavailable');
    const joined = gate.run(4151, '6h');
    release();
    expect(await joined).toBe('backfilled');
    expect(calls).toHaveLength(1);
  });
});

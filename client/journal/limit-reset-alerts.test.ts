import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Trade } from '../../shared/domain/journal-trade';
import type { LimitReset } from '../../shared/domain/limit-resets';
import { openTestDb } from '../db/test-db';
import { createLimitResetAlerts } from './limit-reset-alerts';

const H = 3600;
const buy = (itemId: number, time: number): Trade => ({ id: `${itemId}-${time}`, itemId, side: 'buy', quantity: 1, price: 10, time, account: null, source: 'manual' });

describe('buy-limit reset alerts on the device', () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    clock = 1000 * 1000;
  });
  afterEach(() => vi.useRealTimers());

  async function device() {
    const db = await openTestDb();
    const shown: LimitReset[] = [];
    const alerts = createLimitResetAlerts({ db, now: () => clock, show: async (reset) => void shown.push(reset) });
    /** Moves the clock and the timers on together, then lets the IndexedDB work settle. */
    const advance = async (seconds: number) => {
      clock += seconds * 1000;
      await vi.advanceTimersByTimeAsync(seconds * 1000);
      await vi.waitFor(() => new Promise((resolve) => setImmediate(resolve)));
    };
    return { db, shown, alerts, advance };
  }

  it('tells a reset at the end of its window, once, and only while the setting is on', async () => {
    const d = await device();
    d.alerts.update([buy(4151, 1000)], true);
    await d.advance(4 * H - 1);
    expect(d.shown).toEqual([]);
    await d.advance(1);
    await vi.waitFor(() => expect(d.shown).toEqual([{ itemId: 4151, at: 1000 + 4 * H }]));
    // The journal reloading (another write) tells nothing again.
    d.alerts.update([buy(4151, 1000)], true);
    await d.advance(60);
    expect(d.shown).toHaveLength(1);

    d.alerts.update([buy(4151, 1000), buy(2, 2000)], false);
    await d.advance(4 * H);
    expect(d.shown).toHaveLength(1);
  });

  it('does not move the reset for a buy inside the window, and tells the next window\'s end too', async () => {
    const d = await device();
    d.alerts.update([buy(4151, 1000), buy(4151, 1000 + 2 * H)], true);
    await d.advance(4 * H);
    await vi.waitFor(() => expect(d.shown).toEqual([{ itemId: 4151, at: 1000 + 4 * H }]));
    const after = 1000 + 4 * H + 10;
    d.alerts.update([buy(4151, 1000), buy(4151, 1000 + 2 * H), buy(4151, after)], true);
    await d.advance(4 * H + 10);
    await vi.waitFor(() => expect(d.shown).toEqual([{ itemId: 4151, at: 1000 + 4 * H }, { itemId: 4151, at: after + 4 * H }]));
  });
});

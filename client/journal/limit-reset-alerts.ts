// "Notify me when a buy limit resets", on the device: while the setting is on, a timer wakes at
// the next window's end the journal holds (shared/domain/limit-resets.ts, from the journal's own
// window rule) and tells each reset that came due once: a notification through the service
// worker's registration, or the in-app banner when notifications are not allowed. Every tab runs
// it; the IndexedDB claim lets only one of them (or the worker, for a push) tell a reset.
import { dueLimitResets, nextLimitReset, type LimitReset } from '../../shared/domain/limit-resets';
import type { Trade } from '../../shared/domain/journal-trade';
import { claimLimitResets } from '../db/limit-shown';
import type { GeDb } from '../db/schema';

/** setTimeout's longest delay; a later reset is looked at again then. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface LimitResetAlertsDeps {
  db: GeDb;
  /** Unix milliseconds. */
  now: () => number;
  show(reset: LimitReset): Promise<void>;
}

export interface LimitResetAlerts {
  /** The journal or the setting changed: look now, and wait for the next reset. */
  update(trades: readonly Trade[], on: boolean): void;
  stop(): void;
}

export function createLimitResetAlerts(deps: LimitResetAlertsDeps): LimitResetAlerts {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let trades: readonly Trade[] = [];
  let on = false;
  let checking: Promise<void> = Promise.resolve();

  const check = async (): Promise<void> => {
    if (!on) return;
    const now = Math.floor(deps.now() / 1000);
    const fresh = await claimLimitResets(deps.db, dueLimitResets(trades, now), now);
    for (const reset of fresh) await deps.show(reset).catch(() => undefined); // one failing shows the rest
  };

  const schedule = (): void => {
    clearTimeout(timer);
    if (!on) return;
    const next = nextLimitReset(trades, Math.floor(deps.now() / 1000));
    if (next === null) return;
    timer = setTimeout(() => {
      checking = checking.then(check).catch(() => undefined).then(schedule);
    }, Math.min(MAX_DELAY_MS, Math.max(0, next * 1000 - deps.now())));
  };

  return {
    update(nextTrades, nextOn) {
      trades = nextTrades;
      on = nextOn;
      checking = checking.then(check).catch(() => undefined);
      schedule();
    },
    stop() {
      on = false;
      clearTimeout(timer);
    },
  };
}

// Pushes each buy-limit reset a device waits for when its time comes (the app may be closed). It
// wakes at the soonest reset it knows of, or after CHECK_EVERY_MS at the latest, since resets
// registered through another instance reach it only through the store. Only the instance that
// evaluates alerts (the leader in cluster mode) sends; the store hands each reset out once.
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Db } from '../store/db';
import { nextLimitResetAt, takeDueLimitResets } from '../store/limit-resets-repo';
import { limitResetTag, STALE_RESET_SECONDS } from '../../shared/domain/limit-resets';
import type { LimitResetPush } from '../../shared/protocol/push';
import type { PushSender } from './push-sender';

/** The longest the timer sleeps without looking at the store. */
export const CHECK_EVERY_MS = 15_000;
/** Resets taken from the store in one look; more are taken at once after. */
const TAKE_AT_ONCE = 500;

export interface LimitResetTimerDeps {
  db: Db;
  sender: Pick<PushSender, 'sendMessage'>;
  /** Whether this instance sends (cluster mode: it holds the lease). */
  leading: () => boolean;
  /** Unix milliseconds. */
  now: () => number;
  logger: Logger;
  metrics: Metrics;
}

export interface LimitResetTimer {
  start(): void;
  /** Resets changed here: look again now. */
  poke(): void;
  /** Resolves when the look under way (if any) is done. */
  idle(): Promise<void>;
  stop(): void;
}

export function createLimitResetTimer(deps: LimitResetTimerDeps): LimitResetTimer {
  const { db, logger } = deps;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let again = false;
  let looking = false;
  let stopped = true;

  const schedule = (delayMs: number): void => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(look, Math.max(0, Math.min(CHECK_EVERY_MS, delayMs)));
    timer.unref();
  };

  const sendDue = async (): Promise<number> => {
    const now = Math.floor(deps.now() / 1000);
    const due = await takeDueLimitResets(db, now, now - STALE_RESET_SECONDS, TAKE_AT_ONCE);
    for (const reset of due) {
      const payload: LimitResetPush = { type: 'limit-reset', itemId: reset.itemId, at: reset.at };
      deps.metrics.alertsFired.inc({ kind: 'limit-reset' });
      deps.sender.sendMessage(reset.subscription, { payload, topic: limitResetTag(reset.itemId), urgency: 'normal', about: { limitReset: reset.itemId, at: reset.at } });
    }
    if (due.length > 0) logger.info({ sent: due.length }, 'buy-limit resets pushed');
    return due.length;
  };

  async function work(): Promise<void> {
    let delay = CHECK_EVERY_MS;
    try {
      if (deps.leading()) {
        while ((await sendDue()) >= TAKE_AT_ONCE && !stopped);
        const next = await nextLimitResetAt(db);
        if (next !== null) delay = next * 1000 - deps.now();
      }
    } catch (err) {
      logger.error({ err }, 'buy-limit reset push failed');
    }
    schedule(delay);
  }

  function look(): void {
    if (stopped) return;
    if (looking) {
      again = true;
      return;
    }
    looking = true;
    running = work().finally(() => {
      looking = false;
      if (again) {
        again = false;
        look();
      }
    });
  }

  return {
    start() {
      stopped = false;
      look();
    },
    poke: look,
    async idle() {
      let seen: Promise<void>;
      do {
        seen = running;
        await seen;
      } while (seen !== running);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

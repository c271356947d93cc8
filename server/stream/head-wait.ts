// Holds a resuming client whose cursor is ahead of this instance (it came from one that had read
// further in the cluster's live log) until this instance has caught up, instead of a resync. The
// log usually brings it within milliseconds; if not, the store is asked (it holds every commit).
import type { Cursor } from '../../shared/domain/event-id';

export interface HeadWait {
  /** Resolves true once the cursor reaches `seq` on `epoch`, false after `timeoutMs`. */
  until(epoch: string, seq: number, timeoutMs: number): Promise<boolean>;
  /** Call after every change of the cursor. */
  moved(): void;
}

export function createHeadWait(cursor: () => Cursor | undefined, reload: () => void, reloadAfterMs: number): HeadWait {
  const waiters = new Set<() => void>();
  const reached = (epoch: string, seq: number): boolean => {
    const now = cursor();
    return now !== undefined && now.epoch === epoch && now.seq >= seq;
  };
  return {
    until(epoch, seq, timeoutMs) {
      if (reached(epoch, seq)) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (result: boolean): void => {
          waiters.delete(check);
          clearTimeout(asked);
          clearTimeout(gaveUp);
          resolve(result);
        };
        const check = (): void => {
          if (reached(epoch, seq)) done(true);
        };
        const asked = setTimeout(reload, Math.min(reloadAfterMs, timeoutMs));
        const gaveUp = setTimeout(() => done(reached(epoch, seq)), timeoutMs);
        waiters.add(check);
      });
    },
    moved() {
      for (const check of [...waiters]) check();
    },
  };
}

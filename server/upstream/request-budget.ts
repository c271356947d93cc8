// How much of the wiki's capacity the server may use: at most `maxConcurrent` requests in flight
// and `maxPerMinute` started in any 60 seconds, every attempt (retries included) counted. The wiki
// client takes a slot per attempt; nothing else calls the wiki.
//
// Scheduled sync calls (mapping, latest, 5m, 1h) are never starved by on-demand ones (/timeseries
// for a chart): they are served first, are never refused (each job runs one call at a time, so
// their queue is small by nature), and a reserved share is theirs alone: a quarter of each limit,
// at least one (none of a limit of 1). With the defaults on-demand calls hold at most 3 of the 4
// slots and start at most 90 of the 120 calls a minute. On-demand calls wait in a queue of at most `queueMax`; beyond
// it they are refused at once with an estimate of when the queue will have room.

export type RequestPriority = 'scheduled' | 'on-demand';

export interface RequestBudgetOptions {
  maxConcurrent: number;
  maxPerMinute: number;
  queueMax: number;
}

export const DEFAULT_REQUEST_BUDGET: RequestBudgetOptions = { maxConcurrent: 4, maxPerMinute: 120, queueMax: 100 };

/** The on-demand queue is full: the call was not made. */
export class BudgetFullError extends Error {
  constructor(
    readonly queued: number,
    /** When a new on-demand call may expect room: the queue drained at the per-minute rate. */
    readonly retryAfterMs: number,
  ) {
    super(`request budget full: ${queued} on-demand calls already waiting (UPSTREAM_QUEUE_MAX)`);
    this.name = 'BudgetFullError';
  }
}

export interface RequestBudget {
  /** Waits for a slot; resolves with its release. Rejects with BudgetFullError, or the signal's reason. */
  acquire(priority: RequestPriority, signal?: AbortSignal): Promise<() => void>;
}

const MINUTE_MS = 60_000;

interface Waiter {
  grant: () => void;
  abort: () => void;
}

const reserveOf = (limit: number): number => (limit > 1 ? Math.max(1, Math.floor(limit / 4)) : 0);

export function createRequestBudget(options: RequestBudgetOptions, now: () => number = Date.now): RequestBudget {
  const onDemandConcurrent = options.maxConcurrent - reserveOf(options.maxConcurrent);
  const onDemandPerMinute = options.maxPerMinute - reserveOf(options.maxPerMinute);
  const queues: Record<RequestPriority, Waiter[]> = { scheduled: [], 'on-demand': [] };
  /** Start times within the last minute, by priority. */
  const started: Record<RequestPriority, number[]> = { scheduled: [], 'on-demand': [] };
  const active: Record<RequestPriority, number> = { scheduled: 0, 'on-demand': 0 };
  let timer: NodeJS.Timeout | undefined;

  const inMinute = (): number => {
    for (const starts of Object.values(started)) {
      while (starts.length > 0 && (starts[0] ?? 0) <= now() - MINUTE_MS) starts.shift();
    }
    return started.scheduled.length + started['on-demand'].length;
  };
  const allowed = (priority: RequestPriority): boolean => {
    const total = inMinute() < options.maxPerMinute && active.scheduled + active['on-demand'] < options.maxConcurrent;
    if (priority === 'scheduled') return total;
    return total && active['on-demand'] < onDemandConcurrent && started['on-demand'].length < onDemandPerMinute;
  };
  const oldestStart = (): number => Math.min(...Object.values(started).map((s) => s[0] ?? Infinity));

  const take = (priority: RequestPriority): (() => void) => {
    active[priority] += 1;
    started[priority].push(now());
    let released = false;
    return () => {
      if (released) return;
      released = true;
      active[priority] -= 1;
      pump();
    };
  };

  function pump(): void {
    for (const priority of ['scheduled', 'on-demand'] as const) {
      const queue = queues[priority];
      while (queue.length > 0 && allowed(priority)) queue.shift()?.grant();
      // Scheduled calls go first: on-demand ones wait while any scheduled one does.
      if (queue.length > 0) break;
    }
    const waiting = queues.scheduled.length + queues['on-demand'].length;
    const oldest = oldestStart();
    if (waiting > 0 && timer === undefined && oldest !== Infinity) {
      // Perhaps limited by the minute, not by slots: look again when the oldest start leaves it.
      timer = setTimeout(() => {
        timer = undefined;
        pump();
      }, Math.max(1, oldest + MINUTE_MS - now()));
      timer.unref();
    }
  }

  return {
    acquire(priority, signal) {
      signal?.throwIfAborted();
      const queue = queues[priority];
      const ahead = priority === 'scheduled' ? queue.length : queues.scheduled.length + queue.length;
      if (ahead === 0 && allowed(priority)) return Promise.resolve(take(priority));
      if (priority === 'on-demand' && queue.length >= options.queueMax) {
        const drainMs = Math.ceil(((queue.length + 1) * MINUTE_MS) / Math.max(1, onDemandPerMinute));
        return Promise.reject(new BudgetFullError(queue.length, Math.max(1000, drainMs)));
      }
      return new Promise((resolve, reject) => {
        const onAbort = (): void => waiter.abort();
        const waiter: Waiter = {
          grant: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(take(priority));
          },
          abort: () => {
            const at = queue.indexOf(waiter);
            if (at >= 0) queue.splice(at, 1);
            reject(signal?.reason);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(waiter);
        pump();
      });
    },
  };
}

// The leader's every commit as the cluster's live log holds it (XRANGE over the Redis Stream,
// decoded by the servers' own codec), and a check of a client's whole history against it: at each
// id the client was given, it must hold exactly the state of that seq for every item in its filter.
import { Redis } from 'ioredis';
import type { CommittedChanges, PriceChange } from '../../server/change-feed';
import { decodeEntry } from '../../server/cluster/log-entry';
import type { SseMessage } from './sse-parse';
import { applyToView, createClientView, type ClientView } from './client-view';

/** Every price commit of the epoch, in order, from the log; throws unless each starts where the last ended. */
export async function readCommits(redisUrl: string, prefix: string): Promise<CommittedChanges[]> {
  const redis = new Redis(redisUrl);
  try {
    const entries = await redis.xrange(`${prefix}log`, '-', '+');
    const commits: CommittedChanges[] = [];
    for (const [id, fields] of entries) {
      const entry = decodeEntry(fields);
      if (entry === null) throw new Error(`unreadable log entry ${id}`);
      if (entry.kind !== 'prices') continue;
      const last = commits[commits.length - 1];
      if (last === undefined && entry.fromSeq !== 1) throw new Error(`the log starts at ${entry.fromSeq}, not at the store's first seq`);
      if (last !== undefined && entry.fromSeq !== last.seq + 1) throw new Error(`the log skips from ${last.seq} to ${entry.fromSeq}`);
      commits.push(entry.committed);
    }
    return commits;
  } finally {
    redis.disconnect();
  }
}

export interface HistoryCheck {
  view: ClientView;
  /** Ids at which the client held something other than that seq's state (a gap or a stale item). */
  gaps: string[];
}

/** Replays `events` (every connection of one client, in order) into a view, checking it at each id. */
export function checkHistory(commits: readonly CommittedChanges[], events: readonly SseMessage[], filter: readonly number[] | null): HistoryCheck {
  const view = createClientView();
  const truth = new Map<number, PriceChange>();
  let next = 0;
  const gaps: string[] = [];
  for (const event of events) {
    applyToView(view, event);
    if (event.id === undefined || (event.event !== 'sync-complete' && event.event !== 'price-batch')) continue;
    const seq = Number(event.id.split('.')[1]);
    for (; next < commits.length && (commits[next]?.seq ?? Infinity) <= seq; next += 1) {
      for (const change of commits[next]?.changes ?? []) truth.set(change.itemId, change);
    }
    const wrong = [...truth.values()]
      .filter((c) => filter === null || filter.includes(c.itemId))
      .filter((c) => {
        const held = view.prices.get(c.itemId);
        return held === undefined || held.seq !== c.seq || held.high !== c.high || held.low !== c.low;
      });
    if (wrong.length > 0) gaps.push(`${event.id}: ${wrong.map((c) => `${c.itemId}@${c.seq}`).join(',')}`);
  }
  return { view, gaps };
}

// A peer for the fan-out benchmark: better-sse used as its docs suggest, one channel per distinct
// filter (so each payload is serialised once per filter, as ours is) and channel.broadcast.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createChannel, createSession, type Channel } from 'better-sse';
import type { CommittedChanges } from '../server/change-feed';
import { parseItemFilter } from '../server/stream/stream-request';
import { selectUpdates, updatesByItem, type BenchHub } from './stream-bench-hub';

interface FilterChannel {
  filter: ReadonlySet<number> | null;
  channel: Channel;
}

export function createBetterSseHub(cursor: () => { epoch: string; seq: number }): BenchHub {
  const channels = new Map<string, FilterChannel>();
  let sessions = 0;
  return {
    async handle(req: IncomingMessage, res: ServerResponse) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const filter = parseItemFilter(url.searchParams.get('items') ?? undefined);
      const session = await createSession(req, res, { retry: 3000, statusCode: 200 });
      let entry = channels.get(filter.key);
      if (entry === undefined) {
        const created: FilterChannel = { filter: filter.ids, channel: createChannel() };
        created.channel.on('session-deregistered', () => {
          if (created.channel.sessionCount === 0) channels.delete(filter.key);
        });
        channels.set(filter.key, created);
        entry = created;
      }
      entry.channel.register(session);
      sessions += 1;
      session.on('disconnected', () => {
        sessions -= 1;
      });
      const { epoch, seq } = cursor();
      session.push({ client_id: String(sessions), timestamp: new Date().toISOString(), epoch, seq }, 'connected');
    },
    publish(committed: CommittedChanges) {
      const timestamp = new Date(committed.committedAt).toISOString();
      const eventId = `${committed.epoch}.${committed.seq}`;
      const byItem = updatesByItem(committed);
      for (const { filter, channel } of channels.values()) {
        const matched = selectUpdates(byItem, filter);
        if (matched.length > 0) channel.broadcast({ seq: committed.seq, updates: matched }, 'price-batch', { eventId });
        channel.broadcast({ timestamp, seq: committed.seq, changed: committed.changes.length }, 'sync-complete', { eventId });
      }
    },
    clients: () => sessions,
  };
}

// A peer for the fan-out benchmark: the obvious hub. Every client gets its own filtered copy of
// each sync, serialised with JSON.stringify once per client per event.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CommittedChanges } from '../server/change-feed';
import { parseItemFilter } from '../server/stream/stream-request';
import { STREAM_HEADERS } from '../server/stream/stream-opening';
import { selectUpdates, updatesByItem, type BenchHub } from './stream-bench-hub';

interface NaiveClient {
  res: ServerResponse;
  filter: ReadonlySet<number> | null;
}

export function createNaiveHub(cursor: () => { epoch: string; seq: number }): BenchHub {
  const clients = new Set<NaiveClient>();
  return {
    handle(req: IncomingMessage, res: ServerResponse) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const client = { res, filter: parseItemFilter(url.searchParams.get('items') ?? undefined).ids };
      res.writeHead(200, STREAM_HEADERS);
      const { epoch, seq } = cursor();
      res.write(`retry: 3000\n\nevent: connected\ndata: ${JSON.stringify({ client_id: String(clients.size), timestamp: new Date().toISOString(), epoch, seq })}\n\n`);
      clients.add(client);
      res.on('close', () => clients.delete(client));
    },
    publish(committed: CommittedChanges) {
      const timestamp = new Date(committed.committedAt).toISOString();
      const id = `${committed.epoch}.${committed.seq}`;
      const byItem = updatesByItem(committed);
      for (const client of clients) {
        const updates = selectUpdates(byItem, client.filter);
        if (updates.length > 0) {
          client.res.write(`id: ${id}\nevent: price-batch\ndata: ${JSON.stringify({ seq: committed.seq, updates })}\n\n`);
        }
        client.res.write(`id: ${id}\nevent: sync-complete\ndata: ${JSON.stringify({ timestamp, seq: committed.seq, changed: committed.changes.length })}\n\n`);
      }
    },
    clients: () => clients.size,
  };
}

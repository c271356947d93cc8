// A stream client in a process of its own for the alerts benchmark: the server's work (alert
// evaluation, push encryption) must not delay the reading side, as it would in one process.
// Records when each price-batch arrives, in absolute milliseconds (timeOrigin + now).
import { request, type ClientRequest } from 'node:http';
import { serveParent } from './stream-ipc';

const arrivals: number[] = [];
let client: ClientRequest | undefined;

serveParent('ready', {
  open: (url: string) => new Promise<void>((resolve) => {
    client = request(url, (res) => {
      resolve();
      res.on('data', (chunk: Buffer) => {
        if (chunk.includes('event: price-batch')) arrivals.push(performance.timeOrigin + performance.now());
      });
    });
    client.end();
  }),
  arrivals: () => arrivals.length,
  take: () => arrivals.splice(0),
  close: () => {
    client?.destroy();
  },
});

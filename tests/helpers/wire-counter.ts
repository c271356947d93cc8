// A loopback HTTP proxy in front of a server that records every request and the bytes of each
// answer as they cross the wire to the browser (status line and headers, then the body as the
// server encoded it), so a test or a benchmark sees what a phone would download: the page's
// requests and the service worker's alike. Streams (SSE) are passed through as they come.
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface WireEntry {
  method: string;
  /** Path and query. */
  url: string;
  status: number;
  requestHeaders: IncomingHttpHeaders;
  responseHeaders: IncomingHttpHeaders;
  /** Status line and headers. */
  headerBytes: number;
  /** The body as sent (compressed when it was); grows while a stream is open. */
  bodyBytes: number;
  /** The whole answer has been passed on. */
  done: boolean;
}

export interface WireCounter {
  url: string;
  entries: WireEntry[];
  /** Forgets what was counted so far. */
  reset(): void;
  close(): Promise<void>;
}

function headerSize(status: number, message: string, rawHeaders: string[]): number {
  let size = `HTTP/1.1 ${status} ${message}\r\n`.length + 2;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) size += `${rawHeaders[i]}: ${rawHeaders[i + 1]}\r\n`.length;
  return size;
}

export async function startWireCounter(target: string): Promise<WireCounter> {
  const upstream = new URL(target);
  let entries: WireEntry[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        const entry: WireEntry = {
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          status: answer.statusCode ?? 0,
          requestHeaders: req.headers,
          responseHeaders: answer.headers,
          headerBytes: headerSize(answer.statusCode ?? 0, answer.statusMessage ?? '', answer.rawHeaders),
          bodyBytes: 0,
          done: false,
        };
        entries.push(entry);
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        res.flushHeaders();
        answer.on('data', (chunk: Buffer) => (entry.bodyBytes += chunk.length));
        answer.on('end', () => (entry.done = true));
        answer.on('error', () => res.destroy());
        answer.pipe(res);
        res.on('close', () => answer.destroy());
      },
    );
    forwarded.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forwarded);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get entries() {
      return entries;
    },
    reset() {
      entries = [];
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Bytes on the wire for these answers (headers and bodies). */
export function wireBytes(entries: readonly WireEntry[]): number {
  return entries.reduce((sum, e) => sum + e.headerBytes + e.bodyBytes, 0);
}

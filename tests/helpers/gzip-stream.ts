// A raw HTTP stream that asks for gzip and inflates what arrives as it arrives (as a browser does),
// keeping the compressed bytes too, so a test can check both the events and the gzip framing.
import { request, type IncomingHttpHeaders } from 'node:http';
import { constants, createGunzip } from 'node:zlib';
import { createSseParser, type SseMessage } from './sse-parse';
import { waitFor } from './wait-for';

export interface GzipStream {
  status: number;
  headers: IncomingHttpHeaders;
  events: SseMessage[];
  /** Every compressed byte received so far. */
  compressed(): Buffer;
  /** Bytes read from the socket so far: status line, headers, chunk framing and the body. */
  bytesRead(): number;
  /** The response ended (the server closed it). */
  ended(): boolean;
  next(match: (event: SseMessage) => boolean, from?: number, timeoutMs?: number): Promise<SseMessage>;
  close(): void;
}

export function openGzipStream(url: string, headers: Record<string, string> = {}): Promise<GzipStream> {
  return new Promise((resolve, reject) => {
    const events: SseMessage[] = [];
    const parser = createSseParser((event) => events.push(event));
    const chunks: Buffer[] = [];
    let ended = false;
    const req = request(url, { agent: false, headers: { 'Accept-Encoding': 'gzip', ...headers } }, (res) => {
      // Flush on every chunk: an event must be readable as soon as its bytes are in.
      const gunzip = createGunzip({ flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH });
      gunzip.setEncoding('utf8');
      gunzip.on('data', (text: string) => parser.push(text));
      gunzip.on('error', () => {});
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        gunzip.write(chunk);
      });
      res.on('close', () => (ended = true));
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        compressed: () => Buffer.concat(chunks),
        bytesRead: () => res.socket?.bytesRead ?? 0,
        ended: () => ended,
        next: (match, from = 0, timeoutMs = 5000) => waitFor('a matching event', () => events.slice(from).find(match), timeoutMs),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

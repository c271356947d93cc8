// A raw HTTP stream reader: sends exactly the headers a test gives (Last-Event-ID included) and
// records the status, headers and every event, so tests see the wire as a browser would.
import { request, type IncomingHttpHeaders, type ClientRequest } from 'node:http';
import { createSseParser, type SseMessage } from './sse-parse';
import { waitFor } from './wait-for';

export interface RawStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** Every event so far, in order. */
  events: SseMessage[];
  /** The body, for a response that is not a stream (a JSON error). */
  body(): string;
  retry(): number | undefined;
  ended(): boolean;
  /** Waits for the first event (from index `from`) that matches, and returns it. */
  next(match: (event: SseMessage) => boolean, from?: number, timeoutMs?: number): Promise<SseMessage>;
  /** Bytes read from the socket so far: status line, headers, chunk framing and events. */
  bytesRead(): number;
  /** Stops reading from the socket (the server's writes back up), until resume(). */
  pause(): void;
  resume(): void;
  close(): void;
}

/** `localAddress`: the loopback address to connect from (127.0.0.2, …), as a distinct client would. */
export function openRawStream(url: string, headers: Record<string, string> = {}, method = 'GET', localAddress?: string): Promise<RawStream> {
  return new Promise((resolve, reject) => {
    const events: SseMessage[] = [];
    const parser = createSseParser((event) => events.push(event));
    let text = '';
    let ended = false;
    const req: ClientRequest = request(url, { agent: false, headers, method, localAddress }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (res.statusCode === 200) parser.push(chunk);
        else text += chunk;
      });
      res.on('close', () => {
        ended = true;
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        body: () => text,
        retry: () => parser.retry(),
        ended: () => ended,
        next: (match, from = 0, timeoutMs = 5000) =>
          waitFor('a matching event', () => events.slice(from).find(match), timeoutMs),
        bytesRead: () => res.socket?.bytesRead ?? 0,
        pause: () => res.pause(),
        resume: () => res.resume(),
        close: () => req.destroy(),
      });
    });
    req.on('error', (error) => {
      ended = true;
      reject(error);
    });
    req.end();
  });
}

/** Reads a whole non-stream response (for refusals). */
export async function readRefusal(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; json: unknown }> {
  const stream = await openRawStream(url, headers);
  await waitFor('the response to end', () => stream.ended());
  return { status: stream.status, headers: stream.headers, json: JSON.parse(stream.body()) as unknown };
}

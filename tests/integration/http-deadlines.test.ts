// A slow client cannot hold a socket: dripped headers and dripped bodies are closed within
// HTTP_HEADERS_TIMEOUT / HTTP_REQUEST_TIMEOUT (no route waits for a body), while a live stream
// opened beside them stays open past both.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openRawStream, type RawStream } from '../helpers/sse-reader';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';
import { waitFor } from '../helpers/wait-for';

const REQUEST_TIMEOUT_MS = 2000;
let server: StreamServer | undefined;
const sockets: Socket[] = [];
const timers: NodeJS.Timeout[] = [];
let stream: RawStream | undefined;

afterEach(async () => {
  for (const timer of timers.splice(0)) clearInterval(timer);
  for (const socket of sockets.splice(0)) socket.destroy();
  stream?.close();
  await server?.close();
  server = undefined;
});

interface Dripper {
  closed: boolean;
  /** The status line the server answered with, if any. */
  status: string;
}

/** A raw client that writes `head` at once, then one more byte of `drip` every 100 ms. */
function dripping(port: number, head: string, drip: string): Dripper {
  const state: Dripper = { closed: false, status: '' };
  const socket = connect(port, '127.0.0.1', () => socket.write(head));
  sockets.push(socket);
  let sent = 0;
  timers.push(setInterval(() => {
    if (!socket.destroyed && socket.writable) socket.write(drip.charAt(sent++ % drip.length));
  }, 100));
  socket.on('data', (chunk: Buffer) => {
    state.status ||= chunk.toString('latin1').split('\r\n')[0] ?? '';
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    state.closed = true;
  });
  return state;
}

describe('request deadlines', () => {
  it('closes dripping bodies and dripping headers within the bound while a stream beside them stays open', async () => {
    server = await startStreamServer({
      HTTP_REQUEST_TIMEOUT: `${REQUEST_TIMEOUT_MS}ms`,
      HTTP_HEADERS_TIMEOUT: '1s',
      SSE_HEARTBEAT_INTERVAL: '250ms',
    });
    const port = Number(new URL(server.url).port);
    stream = await openRawStream(`${server.url}/api/v1/prices/stream`);
    expect(stream.status).toBe(200);
    const started = Date.now();

    const bodies = Array.from({ length: 20 }, (_, i) =>
      dripping(port, `POST /api/v1/items?n=${i} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\na`, 'a'));
    const heads = Array.from({ length: 5 }, () => dripping(port, 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\n', 'X-Slow: 1\r\n'));
    const all = [...bodies, ...heads];

    await waitFor('every dripping client to be closed', () => all.every((c) => c.closed), REQUEST_TIMEOUT_MS + 2000);
    for (const body of bodies) expect(body.status).toMatch(/^HTTP\/1\.1 (413|408)/);
    for (const head of heads) expect(head.status).toMatch(/^HTTP\/1\.1 408/);

    // The stream keeps beating after the longest deadline has passed.
    await waitFor('a heartbeat after the bound', () => stream?.events.some((e) => e.event === 'heartbeat') && Date.now() - started > REQUEST_TIMEOUT_MS + 500, REQUEST_TIMEOUT_MS + 3000);
    const beats = stream.events.filter((e) => e.event === 'heartbeat').length;
    await stream.next((e) => e.event === 'heartbeat', stream.events.length);
    expect(stream.events.filter((e) => e.event === 'heartbeat').length).toBeGreaterThan(beats);
    expect(stream.ended()).toBe(false);
  });

  it('answers a request that carries a body with 413 body_not_allowed and closes the connection', async () => {
    server = await startStreamServer();
    const res = await fetch(`${server.url}/api/v1/items`, { method: 'POST', body: 'x=1' });
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('body_not_allowed');
  });
});

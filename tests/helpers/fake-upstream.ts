// A fake of the wiki's prices API on 127.0.0.1:0 that tests control: what each endpoint answers,
// how it fails (status with Retry-After, a hang, a malformed or a truncated body), and a log of
// every request it saw.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeEndpoint = 'mapping' | 'latest' | '5m' | '1h' | 'timeseries';

export type FakeFailure =
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Never answers; the client's timeout has to fire. */
  | { kind: 'timeout' }
  /** Answers normally, but only after `ms`. */
  | { kind: 'slow'; ms: number }
  /** Answers normally once `until` settles (if the client is still waiting), as late as a test wants. */
  | { kind: 'held'; until: Promise<unknown> }
  /** 200 with this body (default: valid JSON that breaks the schema). */
  | { kind: 'malformed'; body?: string }
  /** 200 announcing the full length, then the socket is cut half-way through the body. */
  | { kind: 'truncated' }
  /** 302 back to the same URL: a redirect loop for as long as the failure lasts. */
  | { kind: 'redirect-loop' };

export interface FakeRequest {
  endpoint: FakeEndpoint | 'unknown';
  query: URLSearchParams;
  userAgent: string | undefined;
  /** When the fake finished handing its answer to the socket (timeOrigin + now, ms); absent until answered. */
  answeredAt?: number;
}

export interface WindowBody {
  timestamp: number;
  data: Record<string, unknown>;
}

export interface FakeUpstream {
  /** Base URL, like https://prices.runescape.wiki/api/v1/osrs */
  url: string;
  requests: FakeRequest[];
  setMapping(body: unknown): void;
  setLatest(body: unknown): void;
  /** Adds a /5m or /1h window; without ?timestamp= the newest one (or `current`) is served. */
  setWindow(step: '5m' | '1h', body: WindowBody): void;
  setCurrentWindow(step: '5m' | '1h', timestamp: number): void;
  setTimeseries(itemId: number, timestep: string, body: unknown): void;
  /** The next `times` requests to `endpoint` fail this way (Infinity: until cleared). */
  fail(endpoint: FakeEndpoint, failure: FakeFailure, times?: number): void;
  clearFailures(): void;
  countRequests(endpoint: FakeEndpoint): number;
  /** The most requests to `endpoint` that were ever open at the same time. */
  maxConcurrent(endpoint: FakeEndpoint): number;
  close(): Promise<void>;
}

const DEFAULT_MALFORMED = '{"data":{"2":{"high":"193","highTime":1748242917,"low":188,"lowTime":null}}}';

export async function startFakeUpstream(): Promise<FakeUpstream> {
  let mapping: unknown = [];
  let latest: unknown = { data: {} };
  const windows = { '5m': new Map<number, WindowBody>(), '1h': new Map<number, WindowBody>() };
  const current: Record<'5m' | '1h', number | undefined> = { '5m': undefined, '1h': undefined };
  const timeseries = new Map<string, unknown>();
  const failures = new Map<FakeEndpoint, { failure: FakeFailure; remaining: number }>();
  const requests: FakeRequest[] = [];
  const open = new Map<string, number>();
  const peak = new Map<string, number>();

  function answer(endpoint: FakeEndpoint, query: URLSearchParams): { status: number; body: unknown } {
    switch (endpoint) {
      case 'mapping':
        return { status: 200, body: mapping };
      case 'latest':
        return { status: 200, body: latest };
      case '5m':
      case '1h': {
        const asked = query.get('timestamp');
        const stored = windows[endpoint];
        const at = asked !== null ? Number(asked) : current[endpoint] ?? Math.max(0, ...stored.keys());
        return { status: 200, body: stored.get(at) ?? { data: {}, timestamp: at } };
      }
      case 'timeseries': {
        const body = timeseries.get(`${query.get('id')}:${query.get('timestep')}`);
        return body === undefined ? { status: 400, body: { error: 'unknown' } } : { status: 200, body };
      }
    }
  }

  function serve(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const name = url.pathname.replace(/^\/api\/v1\/osrs\//, '');
    const endpoint = (['mapping', 'latest', '5m', '1h', 'timeseries'] as const).find((e) => e === name);
    const seen: FakeRequest = { endpoint: endpoint ?? 'unknown', query: url.searchParams, userAgent: req.headers['user-agent'] };
    requests.push(seen);
    // A request counts as open until the fake answers it (or the client gives up on it).
    const key = endpoint ?? 'unknown';
    open.set(key, (open.get(key) ?? 0) + 1);
    peak.set(key, Math.max(peak.get(key) ?? 0, open.get(key) ?? 0));
    let answered = false;
    const done = (): void => {
      if (!answered) open.set(key, (open.get(key) ?? 1) - 1);
      answered = true;
    };
    res.on('close', done);
    if (!endpoint) {
      done();
      res.writeHead(404).end();
      return;
    }
    const reply = (): void => {
      const { status, body } = answer(endpoint, url.searchParams);
      done();
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      seen.answeredAt = performance.timeOrigin + performance.now();
    };
    const pending = failures.get(endpoint);
    if (pending && pending.remaining > 0) {
      pending.remaining -= 1;
      if (pending.failure.kind === 'slow') setTimeout(reply, pending.failure.ms);
      else if (pending.failure.kind === 'held') void pending.failure.until.then(() => !res.destroyed && reply());
      else if (pending.failure.kind !== 'timeout') {
        done();
        failWith(pending.failure, answer(endpoint, url.searchParams).body, res, req.url ?? '/');
      }
      return;
    }
    reply();
  }

  const server = createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api/v1/osrs`,
    requests,
    setMapping: (body) => { mapping = body; },
    setLatest: (body) => { latest = body; },
    setWindow: (step, body) => { windows[step].set(body.timestamp, body); },
    setCurrentWindow: (step, timestamp) => { current[step] = timestamp; },
    setTimeseries: (itemId, timestep, body) => { timeseries.set(`${itemId}:${timestep}`, body); },
    fail: (endpoint, failure, times = 1) => { failures.set(endpoint, { failure, remaining: times }); },
    clearFailures: () => failures.clear(),
    countRequests: (endpoint) => requests.filter((r) => r.endpoint === endpoint).length,
    maxConcurrent: (endpoint) => peak.get(endpoint) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function failWith(failure: Exclude<FakeFailure, { kind: 'timeout' | 'slow' | 'held' }>, goodBody: unknown, res: ServerResponse, url: string): void {
  switch (failure.kind) {
    case 'redirect-loop':
      res.writeHead(302, { location: url }).end();
      return;
    case 'status': {
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (failure.retryAfter !== undefined) headers['retry-after'] = failure.retryAfter;
      res.writeHead(failure.status, headers).end(`status ${failure.status}`);
      return;
    }
    case 'malformed':
      res.writeHead(200, { 'content-type': 'application/json' }).end(failure.body ?? DEFAULT_MALFORMED);
      return;
    case 'truncated': {
      const text = JSON.stringify(goodBody);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
      res.write(text.slice(0, Math.floor(text.length / 2)), () => res.socket?.destroy());
      return;
    }
  }
}

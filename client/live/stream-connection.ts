// The life of one browser's live connection, free of any UI framework: open the stream from the
// stored cursor, say honestly whether it is live, and come back after every kind of failure.
// A native EventSource retries a dropped connection by itself but gives up for good after a
// non-200 answer (a 503 refusal, a proxy error page); so on any error this closes it and
// reconnects on its own schedule, always from the newest cursor the device has applied.
import { STREAM_EVENTS } from '../../shared/protocol/events';
import type { BackoffOptions } from '../../shared/domain/backoff';
import { reconnectDelay, STREAM_BACKOFF } from './backoff';
import type { ConnectionStatus, LiveState } from './live-status';
import { parseStreamMessage, type StreamMessage } from './stream-messages';

/** What the connection needs of EventSource; tests pass a fake. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

export interface StreamConnectionDeps {
  /** The stream's path, with its query when it has one, e.g. /api/v1/prices/stream?format=p1. */
  url: string;
  /** EPOCH.SEQ of the newest batch the device has applied, or undefined when it holds none. */
  readCursor(): Promise<string | undefined>;
  openEventSource(url: string): EventSourceLike;
  message(message: StreamMessage): void;
  status(status: ConnectionStatus): void;
  isOnline(): boolean;
  backoff?: BackoffOptions;
  random?: () => number;
  /** No event at all (heartbeats included) for this long: the connection is presumed dead. */
  silenceMs?: number;
}

export interface StreamConnection {
  start(): void;
  stop(): void;
  /** The network came back or the app is visible again (see client/lib/came-back.ts): if not live, try now rather than later. */
  wake(): void;
  /** The network is gone: close and wait for wake(). */
  sleep(): void;
  /** The app is away (hidden a while): close, not live, and wait for wake(). */
  pause(): void;
  /** Applying failed: drop this connection and catch up from the stored cursor. */
  restart(): void;
}

const DEFAULT_SILENCE_MS = 75_000;

export function createStreamConnection(deps: StreamConnectionDeps): StreamConnection {
  const silenceMs = deps.silenceMs ?? DEFAULT_SILENCE_MS;
  let source: EventSourceLike | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let silenceTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped whenever a connection ends, so late callbacks of an old one do nothing. */
  let generation = 0;
  let running = false;
  /** Between deciding to connect and the EventSource existing (the cursor is being read). */
  let reading = false;
  let everLive = false;
  let failures = 0;
  let opened = 0;
  let status: ConnectionStatus = { state: 'connecting', attempt: 1, reconnects: 0 };

  function report(state: LiveState): void {
    status = { state, attempt: failures + 1, reconnects: Math.max(0, opened - 1) };
    deps.status(status);
  }

  function drop(): void {
    generation += 1;
    source?.close();
    source = null;
    clearTimeout(retryTimer);
    clearTimeout(silenceTimer);
  }

  function watchSilence(mine: number): void {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => mine === generation && fail(0), silenceMs);
  }

  /** The connection ended; try again after the backoff (and no sooner than the server asked). */
  function fail(floorMs: number): void {
    drop();
    if (!running) return;
    failures += 1;
    if (!deps.isOnline()) return report('offline');
    report(everLive ? 'reconnecting' : 'connecting');
    const mine = generation;
    retryTimer = setTimeout(() => mine === generation && void connect(), reconnectDelay(failures, deps.backoff ?? STREAM_BACKOFF, deps.random, floorMs));
  }

  function receive(mine: number, name: (typeof STREAM_EVENTS)[number], event: Event): void {
    if (mine !== generation) return;
    const message = event instanceof MessageEvent ? parseStreamMessage(name, String(event.data), event.lastEventId) : null;
    if (message === null) return;
    watchSilence(mine);
    if (message.type === 'connected') {
      everLive = true;
      failures = 0;
      report('live');
    }
    deps.message(message);
    if (message.type === 'timeout') fail(message.event.retry_ms);
  }

  async function connect(): Promise<void> {
    drop();
    const mine = generation;
    opened += 1;
    report(everLive ? 'reconnecting' : 'connecting');
    reading = true;
    // Unreadable cursor: connect without one; `connected` then finds nothing to continue and resyncs.
    const cursor = await deps
      .readCursor()
      .catch(() => undefined)
      .finally(() => (reading = false));
    if (mine !== generation || !running) return;
    const url = cursor === undefined ? deps.url : `${deps.url}${deps.url.includes('?') ? '&' : '?'}since=${encodeURIComponent(cursor)}`;
    const opening = deps.openEventSource(url);
    source = opening;
    for (const name of STREAM_EVENTS) opening.addEventListener(name, (event) => receive(mine, name, event));
    // Fired for a dropped connection and for a refused one alike; either way we take over.
    opening.addEventListener('error', () => mine === generation && fail(0));
    watchSilence(mine);
  }

  return {
    start() {
      if (running) return;
      running = true;
      if (deps.isOnline()) void connect();
      else report('offline');
    },
    stop() {
      running = false;
      drop();
    },
    wake() {
      // Live, or an attempt already under way: nothing to hurry.
      if (!running || status.state === 'live' || source !== null || reading) return;
      if (!deps.isOnline()) return report('offline');
      void connect();
    },
    sleep() {
      if (!running) return;
      drop();
      report('offline');
    },
    pause() {
      if (!running) return;
      drop();
      report(everLive ? 'reconnecting' : 'connecting');
    },
    restart() {
      if (running) fail(0);
    },
  };
}

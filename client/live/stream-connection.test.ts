import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus } from './live-status';
import { createStreamConnection, type EventSourceLike, type StreamConnectionDeps } from './stream-connection';
import type { StreamMessage } from './stream-messages';

class FakeSource implements EventSourceLike {
  closed = false;
  private listeners = new Map<string, Array<(event: Event) => void>>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: string, body?: unknown, id = ''): void {
    const event = body === undefined ? new Event(type) : new MessageEvent(type, { data: JSON.stringify(body), lastEventId: id });
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
  connected(epoch = 'e1', seq = 1): void {
    this.emit('connected', { client_id: 'c', timestamp: '2025-05-26T07:00:00Z', epoch, seq });
  }
}

function setup(overrides: Partial<StreamConnectionDeps> = {}) {
  const sources: FakeSource[] = [];
  const statuses: ConnectionStatus[] = [];
  const messages: StreamMessage[] = [];
  let cursor: string | undefined = 'e1.5';
  let online = true;
  const connection = createStreamConnection({
    url: '/api/v1/prices/stream',
    readCursor: async () => cursor,
    openEventSource: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source;
    },
    message: (m) => messages.push(m),
    status: (s) => statuses.push(s),
    isOnline: () => online,
    random: () => 0,
    backoff: { baseMs: 1_000, maxMs: 8_000 },
    silenceMs: 60_000,
    ...overrides,
  });
  const last = () => sources.at(-1) as FakeSource;
  const state = () => statuses.at(-1);
  return {
    connection,
    sources,
    messages,
    last,
    state,
    setCursor: (value: string | undefined) => (cursor = value),
    setOnline: (value: boolean) => (online = value),
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the live connection', () => {
  it('resumes from the stored cursor and is live only once the server says connected', async () => {
    const t = setup();
    t.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.last().url).toBe('/api/v1/prices/stream?since=e1.5');
    expect(t.state()).toEqual({ state: 'connecting', attempt: 1, reconnects: 0 });
    t.last().connected();
    expect(t.state()?.state).toBe('live');
    expect(t.messages.map((m) => m.type)).toEqual(['connected']);
  });

  it('keeps trying with growing delays after refusals, which a plain EventSource would give up on', async () => {
    const t = setup();
    t.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    t.last().connected();
    t.setCursor('e1.9');
    t.last().emit('error');
    expect(t.last().closed).toBe(true);
    expect(t.state()).toEqual({ state: 'reconnecting', attempt: 2, reconnects: 0 });
    await vi.advanceTimersByTimeAsync(499);
    expect(t.sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.sources).toHaveLength(2);
    expect(t.last().url).toBe('/api/v1/prices/stream?since=e1.9');
    t.last().emit('error');
    await vi.advanceTimersByTimeAsync(999);
    expect(t.sources).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.sources).toHaveLength(3);
    expect(t.state()).toEqual({ state: 'reconnecting', attempt: 3, reconnects: 2 });
    t.last().connected();
    expect(t.state()).toEqual({ state: 'live', attempt: 1, reconnects: 2 });
  });

  it('is never live after the server ends the stream, and waits at least as long as it asked', async () => {
    const t = setup();
    t.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    t.last().connected();
    t.last().emit('timeout', { reason: 'server-shutdown', retry_ms: 4_000 });
    expect(t.last().closed).toBe(true);
    expect(t.state()?.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(3_999);
    expect(t.sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.sources).toHaveLength(2);
  });

  it('goes offline without retrying while the network is gone, and reconnects at once when it returns', async () => {
    const t = setup();
    t.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    t.last().connected();
    t.setOnline(false);
    t.connection.sleep();
    expect(t.last().closed).toBe(true);
    expect(t.state()?.state).toBe('offline');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sources).toHaveLength(1);
    t.setOnline(true);
    t.connection.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sources).toHaveLength(2);
    t.connection.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sources).toHaveLength(2);
  });

  it('treats a silent connection as dead and opens a new one', async () => {
    const t = setup();
    t.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    t.last().connected();
    await vi.advanceTimersByTimeAsync(59_000);
    t.last().emit('heartbeat', { ts: 1 });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(t.sources).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(t.sources[0]?.closed).toBe(true);
    expect(t.state()?.state).toBe('reconnecting');
  });

  it('ignores events of a connection it already closed and stops for good when stopped', async () => {
    const t = setup();
    t.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    const first = t.last();
    t.connection.restart();
    first.connected();
    expect(t.messages).toEqual([]);
    t.connection.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sources).toHaveLength(1);
  });

  it('connects without a cursor when the device holds none', async () => {
    const t = setup();
    t.setCursor(undefined);
    t.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.last().url).toBe('/api/v1/prices/stream');
  });

  it('closes for a hidden app without retrying, and resumes from the stored cursor once woken', async () => {
    const t = setup();
    t.connection.start();
    await vi.advanceTimersByTimeAsync(0);
    t.last().connected();
    t.setCursor('e1.9');
    t.connection.pause();
    expect(t.last().closed).toBe(true);
    expect(t.state()?.state).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(t.sources).toHaveLength(1);
    t.connection.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sources).toHaveLength(2);
    expect(t.last().url).toBe('/api/v1/prices/stream?since=e1.9');
  });
});

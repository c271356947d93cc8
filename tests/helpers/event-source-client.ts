// The `eventsource` package (the browser's EventSource for Node) recording every stream event,
// so tests use the same reconnect and Last-Event-ID behaviour a browser has.
import { EventSource } from 'eventsource';
import { STREAM_EVENTS } from '../../shared/protocol/events';
import type { SseMessage } from './sse-parse';
import { waitFor } from './wait-for';

export interface RecordingEventSource {
  source: EventSource;
  /** `id` here is EventSource's lastEventId: the newest id seen so far, not only this event's own. */
  events: SseMessage[];
  /** How many times the connection opened (1 + automatic reconnects). */
  opens(): number;
  next(match: (event: SseMessage) => boolean, from?: number, timeoutMs?: number): Promise<SseMessage>;
  close(): void;
}

export function openEventSource(url: string): RecordingEventSource {
  const source = new EventSource(url);
  const events: SseMessage[] = [];
  let opens = 0;
  source.addEventListener('open', () => {
    opens += 1;
  });
  for (const name of STREAM_EVENTS) {
    source.addEventListener(name, (event) => {
      events.push({ id: event.lastEventId === '' ? undefined : event.lastEventId, event: name, data: String(event.data) });
    });
  }
  return {
    source,
    events,
    opens: () => opens,
    next: (match, from = 0, timeoutMs = 5000) => waitFor('a matching event', () => events.slice(from).find(match), timeoutMs),
    close: () => source.close(),
  };
}

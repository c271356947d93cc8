// The text/event-stream wire format. Payloads are JSON, and JSON.stringify never emits a raw line
// break, so every event has exactly one `data:` line; ids and names are ours and never contain one.
import type { StreamEventName } from '../../shared/protocol/events';

/** One event, ready to write. `json` is already serialised so one string can serve many clients. */
export function encodeEvent(event: StreamEventName, json: string, id?: string): string {
  return id === undefined ? `event: ${event}\ndata: ${json}\n\n` : `id: ${id}\nevent: ${event}\ndata: ${json}\n\n`;
}

/** Tells the browser how long to wait before it reconnects on its own. */
export function encodeRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.round(ms))}\n\n`;
}

/** A comment line: ignored by EventSource, but it pushes bytes through proxies. */
export function encodeComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

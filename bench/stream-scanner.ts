// A lean text/event-stream splitter for the load generators: no regex pass over the data, no
// re-scan of a long event from its start, and "field:value" with or without the space (the
// peers differ).
import type { SseMessage } from '../tests/helpers/sse-parse';

/** Splits the stream into events without copying or parsing their data more than once. */
export function createScanner(onEvent: (message: SseMessage) => void): (chunk: string) => void {
  let buffer = '';
  let searched = 0;
  return (chunk) => {
    buffer += chunk;
    let end = buffer.indexOf('\n\n', Math.max(0, searched - 1));
    let start = 0;
    while (end !== -1) {
      let id: string | undefined;
      let event = 'message';
      let data = '';
      for (let line = start; line < end;) {
        const eol = buffer.indexOf('\n', line);
        const stop = eol === -1 || eol > end ? end : eol;
        const colon = buffer.indexOf(':', line);
        if (colon > line && colon < stop) {
          // "field: value" or "field:value" (both are SSE; peers differ).
          const from = buffer.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1;
          const field = buffer.slice(line, colon);
          if (field === 'id') id = buffer.slice(from, stop);
          else if (field === 'event') event = buffer.slice(from, stop);
          else if (field === 'data') data = buffer.slice(from, stop);
        }
        line = stop + 1;
      }
      if (data !== '') onEvent({ id, event, data });
      start = end + 2;
      end = buffer.indexOf('\n\n', start);
    }
    buffer = buffer.slice(start);
    searched = buffer.length;
  };
}

// A small text/event-stream parser for tests and benchmarks (fields: id, event, data, retry).

export interface SseMessage {
  id: string | undefined;
  event: string;
  data: string;
}

export interface SseParser {
  push(chunk: string): void;
  /** The last `retry:` value seen, in milliseconds. */
  retry(): number | undefined;
}

export function createSseParser(onMessage: (message: SseMessage) => void): SseParser {
  let buffer = '';
  let retry: number | undefined;
  const dispatch = (block: string): void => {
    let id: string | undefined;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry' && /^\d+$/.test(value)) retry = Number(value);
    }
    if (data.length > 0) onMessage({ id, event, data: data.join('\n') });
  };
  return {
    push(chunk) {
      buffer += chunk.replace(/\r\n?/g, '\n');
      let end = buffer.indexOf('\n\n');
      while (end !== -1) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
      }
    },
    retry: () => retry,
  };
}

// The error vocabulary of /api/v1: every `code` an `{"error":{"code","message"}}` body can carry.
// ErrorBodySchema (api.ts) keeps `code` a plain string, so a client still reads a code a newer
// server adds.
export const ERROR_CODES = [
  /** 4xx the server itself noticed before any route (a malformed URL, a Koa client error). */
  'bad_request',
  /** 400: a query or path parameter a route refuses; the message names it. */
  'invalid_parameter',
  /** 404: no such API route. */
  'not_found',
  /** 404 on an item route, 400 on the stream's items filter: no item with that id. */
  'unknown_item',
  /** 404: the live stream is turned off on this server (SSE_ENABLED=false). */
  'stream_disabled',
  /** 503 with Retry-After: the stream is at its connection limit, overall or for this address. */
  'too_many_clients',
  /** 503 with Retry-After: the server is stopping; another instance, or this one restarted, will answer. */
  'shutting_down',
  /** Reserved: no route answers it today (history falls back to what is stored, see X-History-Source). */
  'upstream_unavailable',
  /** 500: anything unforeseen; the details are in the server's log, never in the answer. */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

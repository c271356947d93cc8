// The error vocabulary of /api/v1: every `code` an `{"error":{"code","message"}}` body can carry.
// ErrorBodySchema (api.ts) keeps `code` a plain string, so a client still reads a code a newer
// server adds.
export const ERROR_CODES = [
  /** 4xx the server itself noticed before any route (a malformed URL, a Koa client error). */
  'bad_request',
  /** 400: a query or path parameter a route refuses; the message names it. */
  'invalid_parameter',
  /** 413: the request carries a body and its route takes none (only the push subscription routes take one). */
  'body_not_allowed',
  /** 400: a JSON body its route refuses (unreadable, or a field the schema refuses); the message names the field. */
  'invalid_body',
  /** 413: a body larger than its route takes. */
  'body_too_large',
  /** 415: a body that is not `application/json`. */
  'unsupported_media_type',
  /** 404: push is off on this server (no VAPID_SUBJECT). */
  'push_disabled',
  /** 400: a push endpoint that is not https: or whose host PUSH_ENDPOINT_HOSTS does not list. */
  'endpoint_not_allowed',
  /** 404: no push subscription with that id. */
  'unknown_subscription',
  /** 403: the request does not prove it holds the subscription (its auth secret). */
  'forbidden',
  /** 429: this address holds PUSH_MAX_SUBSCRIPTIONS_PER_IP subscriptions already. */
  'too_many_subscriptions',
  /** 401 with WWW-Authenticate: /metrics needs its bearer token (METRICS_TOKEN). */
  'unauthorized',
  /** 404: no such API route. */
  'not_found',
  /** 405 with Allow: the route exists but does not take this method. */
  'method_not_allowed',
  /** 404 on an item route and on the stream's items filter: no item with that id; the message names the ids. */
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

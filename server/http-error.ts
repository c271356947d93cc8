// The one error a request fails with on purpose, whichever layer refuses it (a route, input
// validation, the stream service): a status, a code from the protocol's vocabulary and a message.
// The error middleware (server/http/errors.ts) answers it; whether the message reaches the client
// is the error's own `expose`.
import type { ErrorCode } from '../shared/protocol/errors';

export interface HttpErrorOptions {
  /** Show the message to the client with the status; true unless said otherwise. */
  expose?: boolean;
  /** Seconds until a retry can succeed, sent as Retry-After (the stream's 503 refusals). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class HttpError extends Error {
  readonly expose: boolean;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    options: HttpErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'HttpError';
    this.expose = options.expose ?? true;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * Why an upstream call failed; `invalid` means the body was not what the API promises,
 * `over-budget` that it was never made: the request budget's queue was full (not retryable).
 */
export type UpstreamFailure = 'http' | 'rate-limited' | 'timeout' | 'network' | 'invalid' | 'aborted' | 'over-budget';

export class UpstreamError extends Error {
  constructor(
    readonly endpoint: string,
    readonly failure: UpstreamFailure,
    message: string,
    options: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(`${endpoint}: ${message}`, { cause: options.cause });
    this.name = 'UpstreamError';
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  readonly status: number | undefined;
  /** From a Retry-After header, when the upstream sent one; for `over-budget`, the budget's estimate. */
  readonly retryAfterMs: number | undefined;

  /** Worth another attempt: the same request may well succeed later. */
  get retryable(): boolean {
    return this.failure === 'rate-limited' || this.failure === 'timeout' || this.failure === 'network' ||
      (this.failure === 'http' && this.status !== undefined && this.status >= 500);
  }
}

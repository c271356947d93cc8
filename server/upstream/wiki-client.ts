// The one client for the wiki's real-time prices API. Every call sends the descriptive
// User-Agent (the wiki blocks generic ones), is bounded by a timeout, retries transient failures
// with backoff (honouring Retry-After), and validates the whole body: a response that fails its
// schema is rejected as a whole, so nothing of it can reach the store. Every attempt takes a slot
// of the request budget (request-budget.ts): /timeseries is on-demand, every other call scheduled.
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Timestep, WindowStep } from '../../shared/domain/timestep';
import {
  LatestEnvelopeSchema, MappingResponseSchema, TimeseriesResponseSchema, WindowResponseSchema,
  type MappingResponse, type TimeseriesResponse, type WindowResponse,
} from './schemas';
import { UpstreamError } from './upstream-error';
import { parseRetryAfter, retryDelay, type BackoffOptions } from './retry-policy';
import { boundedFetch, FetchLimitError, type BoundedResponse } from './bounded-fetch';
import { rootCause } from '../error-chain';
import { BudgetFullError, createRequestBudget, DEFAULT_REQUEST_BUDGET, type RequestBudgetOptions } from './request-budget';
import { screenLatest, type ScreenedLatest } from './latest-screen';

export type UpstreamEndpoint = 'mapping' | 'latest' | WindowStep | 'timeseries';

export interface WikiClientOptions {
  baseUrl: string;
  userAgent: string;
  timeoutMs: number;
  /** Extra attempts after the first, for transient failures only. */
  retries: number;
  logger: Logger;
  metrics: Metrics;
  backoff?: BackoffOptions;
  /** A Retry-After longer than this is not waited for: the call fails and the next run retries. */
  maxRetryAfterMs?: number;
  /** A body larger than this is refused (UPSTREAM_MAX_BYTES). */
  maxBodyBytes?: number;
  /** UPSTREAM_MAX_CONCURRENT, UPSTREAM_MAX_PER_MINUTE, UPSTREAM_QUEUE_MAX (defaults: 4, 120, 100). */
  budget?: RequestBudgetOptions;
  /** Unix milliseconds, for the /latest screen's bound on trade times in the future. */
  now?: () => number;
}

export interface CallOptions {
  /** Aborts the call, including a pending retry wait (used on shutdown). */
  signal?: AbortSignal;
}

export interface WikiClient {
  readonly baseUrl: string;
  mapping(options?: CallOptions): Promise<MappingResponse>;
  /** Every possible entry of /latest; impossible ones are dropped and counted (latest-screen). */
  latest(options?: CallOptions): Promise<ScreenedLatest>;
  /** The last complete window, or the one starting at `timestamp` (unix seconds). */
  window(step: WindowStep, timestamp?: number, options?: CallOptions): Promise<WindowResponse>;
  timeseries(itemId: number, timestep: Timestep, options?: CallOptions): Promise<TimeseriesResponse>;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };
/** A real answer is never redirected more than once or twice; a loop is cut here. */
const MAX_REDIRECTS = 3;
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

export function createWikiClient(options: WikiClientOptions): WikiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = options.now ?? Date.now;
  const { logger, metrics } = options;
  const budget = createRequestBudget(options.budget ?? DEFAULT_REQUEST_BUDGET);

  // Every attempt, retries included, waits for a slot; a refusal is not the wiki's failure.
  const slot = (endpoint: UpstreamEndpoint, signal?: AbortSignal): Promise<() => void> =>
    budget.acquire(endpoint === 'timeseries' ? 'on-demand' : 'scheduled', signal).catch((error: unknown) => {
      if (!(error instanceof BudgetFullError)) throw new UpstreamError(endpoint, 'aborted', 'aborted while waiting for the request budget', { cause: error });
      metrics.upstreamRefused.inc({ endpoint });
      throw new UpstreamError(endpoint, 'over-budget', error.message, { cause: error, retryAfterMs: error.retryAfterMs });
    });

  /** One request; `accept` checks what the schema cannot (it throws an UpstreamError to refuse). */
  async function attempt<S extends z.ZodType, T>(endpoint: UpstreamEndpoint, url: string, schema: S, accept: (body: z.infer<S>) => T, signal?: AbortSignal): Promise<T> {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const failed = (error: unknown, what: string): UpstreamError => {
      if (signal?.aborted) return new UpstreamError(endpoint, 'aborted', `${what} aborted`, { cause: error });
      if (timeout.aborted) return new UpstreamError(endpoint, 'timeout', `${what} timed out after ${options.timeoutMs}ms`, { cause: error });
      return new UpstreamError(endpoint, 'network', `${what} failed: ${rootCause(error)}`, { cause: error });
    };
    let response: BoundedResponse;
    try {
      response = await boundedFetch(url, {
        headers: { 'user-agent': options.userAgent, accept: 'application/json' },
        signal: combined,
        maxBytes,
        maxRedirects: MAX_REDIRECTS,
      });
    } catch (error) {
      const upstreamError = error instanceof FetchLimitError
        ? new UpstreamError(endpoint, 'http', error.message, { cause: error })
        : failed(error, 'request');
      metrics.upstreamRequests.inc({ endpoint, status: upstreamError.failure });
      throw upstreamError;
    }
    metrics.upstreamRequests.inc({ endpoint, status: String(response.status) });
    if (response.status < 200 || response.status > 299) {
      await response.discard();
      const retryAfter = response.status === 429 || response.status === 503
        ? parseRetryAfterHeader(response.headers.get('retry-after'))
        : undefined;
      throw new UpstreamError(endpoint, response.status === 429 ? 'rate-limited' : 'http', `HTTP ${response.status}`, {
        status: response.status,
        retryAfterMs: retryAfter,
      });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (error instanceof FetchLimitError) throw new UpstreamError(endpoint, 'invalid', error.message, { cause: error });
      throw failed(error, 'reading the body');
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new UpstreamError(endpoint, 'invalid', `body is not JSON (${text.length} bytes)`, { cause: error });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new UpstreamError(endpoint, 'invalid', 'body does not match the API schema', { cause: parsed.error });
    }
    return accept(parsed.data);
  }

  async function call<S extends z.ZodType, T = z.infer<S>>(
    endpoint: UpstreamEndpoint, path: string, schema: S, signal?: AbortSignal,
    accept: (body: z.infer<S>) => T = (body) => body as T,
  ): Promise<T> {
    const url = `${baseUrl}${path}`;
    for (let n = 0; ; n += 1) {
      const release = await slot(endpoint, signal);
      try {
        return await attempt(endpoint, url, schema, accept, signal);
      } catch (error) {
        release();
        if (!(error instanceof UpstreamError)) throw error;
        metrics.upstreamErrors.inc({ endpoint });
        const wait = retryDelay(n, error.retryAfterMs, backoff);
        const giveUp = !error.retryable || n >= options.retries || signal?.aborted === true ||
          (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfterMs);
        const fields = { endpoint, url, failure: error.failure, status: error.status, attempt: n + 1 };
        if (giveUp) {
          logger.warn({ ...fields, err: error, issues: issuesOf(error) }, 'upstream call failed');
          throw error;
        }
        logger.info({ ...fields, waitMs: wait }, 'upstream call failed, retrying');
        try {
          await sleep(wait, undefined, { signal });
        } catch (abort) {
          throw new UpstreamError(endpoint, 'aborted', 'aborted while waiting to retry', { cause: abort });
        }
      } finally {
        release();
      }
    }
  }

  return {
    baseUrl,
    mapping: (o) => call('mapping', '/mapping', MappingResponseSchema, o?.signal),
    latest: async (o) => {
      const screened = await call('latest', '/latest', LatestEnvelopeSchema, o?.signal, (body) => screenLatest(body.data, Math.floor(now() / 1000)));
      if (screened.rejected > 0) {
        metrics.upstreamRejectedEntries.inc({ endpoint: 'latest' }, screened.rejected);
        logger.warn({ endpoint: 'latest', rejected: screened.rejected, of: screened.total, examples: screened.examples }, 'upstream entries dropped');
      }
      return screened;
    },
    window: (step, timestamp, o) =>
      call(step, timestamp === undefined ? `/${step}` : `/${step}?timestamp=${timestamp}`, WindowResponseSchema, o?.signal),
    timeseries: (itemId, timestep, o) =>
      call('timeseries', `/timeseries?id=${itemId}&timestep=${timestep}`, TimeseriesResponseSchema, o?.signal, (body) => {
        if (body.itemId !== itemId) throw new UpstreamError('timeseries', 'invalid', `asked for item ${itemId}, got ${body.itemId}`);
        return body;
      }),
  };
}

function parseRetryAfterHeader(header: string | null): number | undefined {
  return parseRetryAfter(header, Date.now()) ?? undefined;
}

/** The first few schema problems, for the log line (the whole list can be thousands long). */
function issuesOf(error: UpstreamError): unknown {
  const cause: unknown = error.cause;
  if (cause && typeof cause === 'object' && 'issues' in cause && Array.isArray(cause.issues)) {
    return cause.issues.slice(0, 5);
  }
  return undefined;
}

// The one fetch wrapper: every call to the server goes through `request`, and every answer
// is parsed with the shared REST schemas before anything else sees it.
import { z } from 'zod';
import {
  CatalogueResponseSchema,
  ErrorBodySchema,
  HealthResponseSchema,
  HistoryResponseSchema,
  ItemRowSchema,
  type CatalogueItem,
  type HealthResponse,
  type HistoryResponse,
  type ItemRow,
  type LatestPricesResponse,
} from '../shared/protocol/api';
import type { Timestep } from '../shared/domain/timestep';
import type { MoverPeriod } from '../shared/domain/movers';
import { MoversResponseSchema, type MoversResponse } from '../shared/protocol/movers';
import { HourlyResponseSchema, type HourlyResponse } from '../shared/protocol/hourly';
import { COMPACT_FORMAT } from '../shared/protocol/compact-prices';
import { CompactLatestResponseSchema } from '../shared/protocol/compact-latest';
import type { AlertRule } from '../shared/protocol/alerts';
import type { LimitReset } from '../shared/domain/limit-resets';
import { PushKeyAnswerSchema, PushSubscriptionAnswerSchema, type PushSubscriptionAnswer, type PushSubscriptionInput } from '../shared/protocol/push';

/** The server answered, but with an error (or with something that is not our protocol). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server could not be reached: offline, or the server is down. */
export class NetworkError extends Error {
  constructor(message: string, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'NetworkError';
  }
}

/** Header the service worker sets on a history answer it built from IndexedDB. */
export const SERVED_OFFLINE_HEADER = 'x-served-from';

export interface ApiOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** Told after every request whether the server was reached: drives the Offline banner. */
  onReachable?: (reachable: boolean) => void;
}

/** A history answer; `fromDevice` when the service worker built it from IndexedDB (offline). */
export type HistoryAnswer = HistoryResponse & { fromDevice: boolean };

/** The device's catalogue and its validator: an answer with the ETag already stored holds nothing new. */
export interface CatalogueAnswer {
  items: CatalogueItem[];
  etag: string | null;
}

export interface Api {
  health(): Promise<HealthResponse>;
  /**
   * The whole catalogue in one compressed answer, without prices or figures. Revalidated by the
   * browser's HTTP cache (ETag, `no-cache`): unchanged, it crosses the wire as a bodiless 304.
   */
  catalogue(): Promise<CatalogueAnswer>;
  item(id: number): Promise<ItemRow>;
  history(id: number, timestep: Timestep, since?: number): Promise<HistoryAnswer>;
  latestPrices(since?: string): Promise<LatestPricesResponse>;
  movers(period: MoverPeriod, minVolume: number): Promise<MoversResponse>;
  /** Every item's bucket of the newest 1h window (revalidated by ETag: a bodiless 304 while unchanged). */
  hourly(): Promise<HourlyResponse>;
  /** The server's VAPID public key (base64url), or null when push is off on this server. */
  pushKey(): Promise<string | null>;
  /** Registers (or refreshes: the same endpoint again) the subscription with the device's rules and buy-limit resets to come. */
  registerSubscription(subscription: PushSubscriptionInput, rules: readonly AlertRule[], limitResets: readonly LimitReset[]): Promise<PushSubscriptionAnswer>;
  /** Replaces the subscription's rules and resets; `auth` (its keys.auth) proves this device holds it. */
  replaceRules(id: string, auth: string, rules: readonly AlertRule[], limitResets: readonly LimitReset[]): Promise<void>;
  /** The device holds no rule any more: the server forgets the subscription. */
  deleteSubscription(id: string, auth: string): Promise<void>;
}

/** A request that is not a plain GET: its method, JSON body and bearer secret. */
interface Send {
  method: 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  auth?: string;
}

const GATEWAY_DOWN = new Set([502, 503, 504]);
/** How a server without push configured answers for its key (404 push_disabled). */
const PUSH_OFF = new Set([404, 501]);
/** Answers whose body nothing reads (a 204, or a confirmation). */
const ANY_BODY = z.unknown();

export function createApi(options: ApiOptions = {}): Api {
  const base = options.baseUrl ?? '/api/v1';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const report = options.onReachable ?? (() => {});

  async function request<T>(path: string, schema: z.ZodType<T>, send?: Send): Promise<{ data: T; fromDevice: boolean; etag: string | null }> {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method: send?.method ?? 'GET',
        headers: {
          accept: 'application/json',
          ...(send?.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(send?.auth === undefined ? {} : { authorization: `Bearer ${send.auth}` }),
        },
        body: send?.body === undefined ? undefined : JSON.stringify(send.body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      report(false);
      throw new NetworkError(`could not reach the server for ${path}`, { cause: error });
    }
    const fromDevice = response.headers.get(SERVED_OFFLINE_HEADER) !== null;
    report(!GATEWAY_DOWN.has(response.status) && !fromDevice);
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const parsed = ErrorBodySchema.safeParse(body);
      const error = parsed.success ? parsed.data.error : { code: 'http_error', message: `HTTP ${response.status}` };
      throw new ApiError(response.status, error.code, error.message);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ApiError(response.status, 'invalid_response', `unexpected answer from ${path}`);
    return { data: parsed.data, fromDevice, etag: response.headers.get('etag') };
  }

  const requestJson = async <T>(path: string, schema: z.ZodType<T>): Promise<T> => (await request(path, schema)).data;

  return {
    health: () => requestJson('/health', HealthResponseSchema),
    async catalogue() {
      const { data, etag } = await request('/catalogue', CatalogueResponseSchema);
      return { items: data.items, etag };
    },
    item: (id) => requestJson(`/items/${id}`, ItemRowSchema),
    async history(id, timestep, since) {
      const path = `/items/${id}/history?timestep=${timestep}${since === undefined ? '' : `&since=${since}`}`;
      const { data, fromDevice } = await request(path, HistoryResponseSchema);
      return { ...data, fromDevice };
    },
    // The compact answer, read into the JSON answer's shape (shared/protocol/compact-latest.ts).
    latestPrices: (since) =>
      requestJson(`/prices/latest?format=${COMPACT_FORMAT}${since === undefined ? '' : `&since=${encodeURIComponent(since)}`}`, CompactLatestResponseSchema),
    movers: (period, minVolume) => requestJson(`/movers?period=${period}&minVolume=${minVolume}`, MoversResponseSchema),
    hourly: () => requestJson('/prices/hourly', HourlyResponseSchema),
    async pushKey() {
      try {
        return (await requestJson('/push/key', PushKeyAnswerSchema)).publicKey;
      } catch (error) {
        // A server with push off has no key to give.
        if (error instanceof ApiError && PUSH_OFF.has(error.status)) return null;
        throw error;
      }
    },
    registerSubscription: async (subscription, rules, limitResets) =>
      (await request('/push/subscriptions', PushSubscriptionAnswerSchema, { method: 'POST', body: { subscription, rules, limitResets } })).data,
    async replaceRules(id, auth, rules, limitResets) {
      await request(`/push/subscriptions/${encodeURIComponent(id)}`, ANY_BODY, { method: 'PUT', body: { rules, limitResets }, auth });
    },
    async deleteSubscription(id, auth) {
      await request(`/push/subscriptions/${encodeURIComponent(id)}`, ANY_BODY, { method: 'DELETE', auth });
    },
  };
}

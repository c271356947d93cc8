import type { Logger } from '../logger';
import type { Metrics } from '../metrics';

export interface WikiClientOptions {
  baseUrl: string;
  userAgent: string;
  timeoutMs: number;
  retries: number;
  logger: Logger;
  metrics: Metrics;
}

// Stub: replaced by the upstream client's owner (typed methods for /mapping, /latest, /5m, /1h, /timeseries).
export interface WikiClient {
  readonly baseUrl: string;
}

export function createWikiClient(options: WikiClientOptions): WikiClient {
  return { baseUrl: options.baseUrl };
}

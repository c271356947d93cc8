// History requests (/api/v1/items/:id/history): network first; every good answer is written to
// IndexedDB, and when the network is gone the answer is built from what IndexedDB holds.
import { isTimestep, type Timestep } from '../../shared/domain/timestep';
import { HistoryResponseSchema, type HistoryResponse } from '../../shared/protocol/api';
import { listHistory, storeHistory } from '../db/points';
import type { GeDb } from '../db/schema';
import { SERVED_OFFLINE_HEADER } from '../api';


const HISTORY_PATH = /^\/api\/v1\/items\/(\d{1,9})\/history$/;

export interface HistoryRequest {
  itemId: number;
  timestep: Timestep;
  since: number | undefined;
}

export function parseHistoryRequest(url: URL): HistoryRequest | null {
  const match = HISTORY_PATH.exec(url.pathname);
  const timestep = url.searchParams.get('timestep');
  if (!match || !isTimestep(timestep)) return null;
  const sinceText = url.searchParams.get('since');
  const since = sinceText === null ? undefined : Number(sinceText);
  if (since !== undefined && !Number.isSafeInteger(since)) return null;
  return { itemId: Number(match[1]), timestep, since };
}

export interface HistoryRouteDeps {
  openDb(): Promise<GeDb>;
  fetch(request: Request): Promise<Response>;
  /** Keeps the worker alive until the IndexedDB write is done. */
  waitUntil(work: Promise<unknown>): void;
}

async function keep(deps: HistoryRouteDeps, query: HistoryRequest, response: Response): Promise<void> {
  const parsed = HistoryResponseSchema.safeParse(await response.json());
  if (!parsed.success) return;
  const db = await deps.openDb();
  await storeHistory(db, query.itemId, query.timestep, parsed.data.buckets, { full: query.since === undefined, at: Date.now() });
}

async function fromDevice(deps: HistoryRouteDeps, query: HistoryRequest): Promise<Response> {
  const db = await deps.openDb();
  const buckets = await listHistory(db, query.itemId, query.timestep, query.since === undefined ? 0 : query.since + 1);
  if (buckets.length === 0) return Response.error();
  const body: HistoryResponse = { itemId: query.itemId, timestep: query.timestep, buckets };
  return new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json', [SERVED_OFFLINE_HEADER]: 'indexeddb' },
  });
}

export async function answerHistory(request: Request, query: HistoryRequest, deps: HistoryRouteDeps): Promise<Response> {
  let response: Response;
  try {
    response = await deps.fetch(request);
  } catch {
    return fromDevice(deps, query);
  }
  // A proxy in front of a stopped server answers 502-504: as good as no network.
  if (response.status >= 502 && response.status <= 504) return fromDevice(deps, query);
  if (response.ok) deps.waitUntil(keep(deps, query, response.clone()).catch(() => undefined));
  return response;
}

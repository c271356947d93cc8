// Child process: a load generator holding many stream clients on loopback. Each client is a plain
// node:http request with a minimal SSE scanner that only reads event names and ids as data
// arrives (so the receipt times measure the server, not this process's JSON parsing). In `verify`
// mode it keeps the price events and applies them at the end: the seq of every item it holds,
// duplicates and regressions, compared with the store.
import { request, type ClientRequest } from 'node:http';
import { constants, createGunzip } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SseMessage } from '../tests/helpers/sse-parse';
import { createScanner } from './stream-scanner';
import { updatesOf } from '../tests/helpers/client-view';
import { serveParent } from './stream-ipc';

export interface ClientSpec {
  filter: number[] | null;
  /** Ask for gzip (and inflate each chunk as it arrives) and/or the compact format. */
  gzip?: boolean;
  format?: 'p1';
}

export interface ConnectResult {
  open: number;
  failed: number;
  /** Per client: request sent to catch-up received, ms (resumes only). */
  catchupMs: number[];
  /** The same, for unfiltered clients only (their catch-up is the biggest). */
  unfilteredCatchupMs: number[];
  resyncs: number;
}

export interface VerifyResult {
  clients: number;
  converged: number;
  duplicates: number;
  regressions: number;
  resyncs: number;
  foreign: number;
}

export type LoadCalls = {
  connect(payload: { port: number; clients: ClientSpec[]; verify: boolean; resumeFrom?: string; concurrency: number }): Promise<ConnectResult>;
  /** Waits until every open client has the sync-complete of `seq`; returns the receipt times. */
  awaitSeq(payload: { seq: number; timeoutMs: number }): Promise<{ receivedAt: number[]; missing: number }>;
  drop(_: null): Promise<number>;
  reconnect(payload: { concurrency: number }): Promise<ConnectResult>;
  verify(payload: { truth: Array<[number, number]>; baselineSeq: number; lastId: string }): Promise<VerifyResult>;
};

interface LoadClient {
  filter: ReadonlySet<number> | null;
  gzip: boolean;
  format: 'p1' | undefined;
  req: ClientRequest | undefined;
  cursor: string | undefined;
  /** verify mode: every price event, in order, parsed only at the end. */
  kept: SseMessage[] | undefined;
  resyncs: number;
  /** The newest seq whose sync-complete was counted: a sync without changes repeats its id. */
  completedSeq: number;
}

const now = (): number => performance.timeOrigin + performance.now();
const receipts = new Map<number, number[]>();
let clients: LoadClient[] = [];
let port = 0;
let openCount = 0;

function seqOf(id: string | undefined): number {
  return id === undefined ? NaN : Number(id.slice(id.lastIndexOf('.') + 1));
}

function onMessage(client: LoadClient, message: SseMessage, at: number): void {
  if (message.event === 'resync') client.resyncs += 1;
  const seq = seqOf(message.id);
  // A compact client's one event per sync is its sync-complete.
  if ((message.event === 'sync-complete' || message.event === 'p1') && seq > client.completedSeq) {
    client.completedSeq = seq;
    const times = receipts.get(seq) ?? [];
    receipts.set(seq, times);
    times.push(at);
  }
  if (client.kept !== undefined && (message.event === 'price-batch' || message.event === 'price-update')) client.kept.push(message);
  if (message.id !== undefined) client.cursor = message.id;
}

/** Opens one client; resolves with the catch-up time once connected (and caught up, when resuming). */
function open(client: LoadClient, resumeId: string | undefined, byHeader: boolean): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const query = [client.filter === null ? '' : `items=${[...client.filter].join(',')}`, resumeId && !byHeader ? `since=${resumeId}` : '', client.format ? `format=${client.format}` : '']
      .filter((part) => part !== '')
      .join('&');
    const headers: Record<string, string> = resumeId && byHeader ? { 'Last-Event-ID': resumeId } : {};
    if (client.gzip) headers['Accept-Encoding'] = 'gzip';
    const started = now();
    let phase: 'head' | 'catchup' | 'live' = 'head';
    let at = 0;
    const scan = createScanner((message) => {
      if (phase === 'head' && message.event === 'connected') {
        openCount += 1;
        // A client already at the server's seq is sent no catch-up.
        const current = (JSON.parse(message.data) as { seq: number }).seq === seqOf(resumeId);
        phase = resumeId === undefined || current ? 'live' : 'catchup';
        if (phase === 'live') resolve(resumeId === undefined ? undefined : now() - started);
      } else if (phase === 'catchup') {
        phase = 'live';
        resolve(at - started);
      }
      onMessage(client, message, at);
    });
    const req = request({ host: '127.0.0.1', port, path: `/api/v1/prices/stream?${query}`, headers, agent: false }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
      // gzip: inflated chunk by chunk, as a browser does; the receipt time is when the bytes came in.
      const body = client.gzip ? res.pipe(createGunzip({ flush: constants.Z_SYNC_FLUSH })) : res;
      if (client.gzip) res.on('data', () => (at = now()));
      body.setEncoding('utf8');
      body.on('data', (chunk: string) => {
        if (!client.gzip) at = now();
        scan(chunk);
      });
      res.on('close', () => {
        if (phase !== 'head') openCount -= 1;
        phase = 'head';
      });
    });
    req.on('error', reject);
    req.end();
    client.req = req;
  });
}

async function openAll(concurrency: number, resume: boolean): Promise<ConnectResult> {
  const result: ConnectResult = { open: 0, failed: 0, catchupMs: [], unfilteredCatchupMs: [], resyncs: 0 };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < clients.length) {
      const index = next++;
      const client = clients[index];
      if (client === undefined) return;
      try {
        // Half resume through the query, half through Last-Event-ID, as browsers and the app do.
        const ms = await open(client, resume ? client.cursor : undefined, index % 2 === 0);
        if (ms !== undefined) result.catchupMs.push(ms);
        if (ms !== undefined && client.filter === null) result.unfilteredCatchupMs.push(ms);
        result.open += 1;
      } catch {
        result.failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, worker));
  result.resyncs = clients.reduce((sum, c) => sum + c.resyncs, 0);
  return result;
}

const handlers: LoadCalls = {
  async connect({ port: serverPort, clients: specs, verify, resumeFrom, concurrency }) {
    port = serverPort;
    clients = specs.map((spec) => ({
      filter: spec.filter === null ? null : new Set(spec.filter),
      gzip: spec.gzip ?? false,
      format: spec.format,
      req: undefined,
      cursor: resumeFrom,
      kept: verify ? [] : undefined,
      resyncs: 0,
      completedSeq: -1,
    }));
    return openAll(concurrency, resumeFrom !== undefined);
  },
  async awaitSeq({ seq, timeoutMs }) {
    const times = receipts.get(seq) ?? [];
    receipts.set(seq, times);
    const deadline = Date.now() + timeoutMs;
    while (times.length < openCount && Date.now() < deadline) await sleep(5);
    receipts.delete(seq);
    return { receivedAt: times, missing: Math.max(0, openCount - times.length) };
  },
  async drop() {
    for (const client of clients) client.req?.destroy();
    while (openCount > 0) await sleep(5);
    return clients.length;
  },
  reconnect: ({ concurrency }) => openAll(concurrency, true),
  async verify({ truth, baselineSeq, lastId }) {
    const store = new Map(truth);
    const result: VerifyResult = { clients: clients.length, converged: 0, duplicates: 0, regressions: 0, resyncs: 0, foreign: 0 };
    for (const client of clients) {
      const held = new Map<number, number>();
      for (const update of (client.kept ?? []).flatMap(updatesOf)) {
        const seq = held.get(update.item_id);
        if (seq === update.seq) result.duplicates += 1;
        else if (seq !== undefined && seq > update.seq) result.regressions += 1;
        else held.set(update.item_id, update.seq);
      }
      const wanted = client.filter ?? new Set(store.keys());
      let exact = client.cursor === lastId;
      for (const id of wanted) {
        const seq = store.get(id) ?? 0;
        // Never sent means the client still holds the state it started from (the seed).
        if (held.get(id) !== seq && !(held.get(id) === undefined && seq <= baselineSeq)) exact = false;
      }
      for (const id of held.keys()) if (!wanted.has(id)) result.foreign += 1;
      if (exact) result.converged += 1;
      result.resyncs += client.resyncs;
    }
    return result;
  },
};

serveParent({ pid: process.pid }, handlers);

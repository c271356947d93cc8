// GET /api/v1/prices/stream: admits a client, computes its catch-up and registers it with the
// hub in one synchronous step, keeps the in-memory price index in step with the change feed, and
// passes the feed's history windows on to every client.
import { randomUUID } from 'node:crypto';
import type { Context } from 'koa';
import type { CoreDeps } from '../core-deps';
import { requireKnownItems } from '../known-items';
import type { ChangeFeed, CommittedChanges, StoreHead } from '../change-feed';
import { createPriceIndex, loadPriceSnapshot, type PriceIndex } from './price-index';
import { compactData, createCatchUp, type CatchUp } from './catch-up';
import type { ItemFilter } from './sse-client';
import { COMPACT_FORMAT, type PriceFormat } from '../../shared/protocol/compact-prices';
import { SseHub, type RefusalReason } from './sse-hub';
import { HttpError } from '../http-error';
import { parseFormat, parseItemFilter, pickResumeId, queryValue } from './stream-request';
import { streamHeaders, writeStreamHead, firstChunk } from './stream-opening';
import { SharedPayload } from './gzip-wire';
import { createHeadWait } from './head-wait';
import { parseEventId } from '../../shared/domain/event-id';

export interface StreamServiceDeps extends CoreDeps {
  feed: ChangeFeed;
  /** Unix milliseconds; tests may drive it. */
  now?: () => number;
  /**
   * Cluster mode: how long a resume id ahead of this instance is held for it to catch up (then
   * served exactly). 0, one process: a cursor ahead of the store is answered with a resync.
   */
  holdAheadMs?: number;
}

export interface StreamService {
  /** Loads what catch-up needs and starts heartbeats. */
  start(): Promise<void>;
  /** Serves GET /api/v1/prices/stream; throws HttpError for a request it refuses. */
  handle(ctx: Context): Promise<void>;
  clientCount(): number;
  /** Stop accepting, tell clients when to retry, close every connection. */
  close(): Promise<void>;
}

const REFUSALS: Record<RefusalReason, string> = {
  max_clients: 'the server has as many live connections as it allows',
  max_clients_per_ip: 'this address has as many live connections as the server allows per address',
  shutting_down: 'the server is shutting down',
};

const RELOAD_RETRY_MS = 500;
/** Unfiltered catch-ups shared at once (catch-up.ts keeps a few resume points per seq). */
const MAX_SHARED_PAYLOADS = 8;

export function createStreamService(deps: StreamServiceDeps): StreamService {
  const { config, db, logger, metrics, feed } = deps;
  const now = deps.now ?? Date.now;
  const sse = config.sse;
  const hub = new SseHub({
    ...sse,
    logger,
    metrics,
    now,
    compactSince: (since, filter) => (catchUp === undefined ? '' : catchUp(since, filter, COMPACT_FORMAT)),
  });
  let index: PriceIndex | undefined;
  let catchUp: CatchUp | undefined;
  let reloading: Promise<void> | undefined;
  const queued: CommittedChanges[] = [];
  const unsubscribe: Array<() => void> = [];

  const receive = (committed: CommittedChanges): void => {
    if (index === undefined || reloading !== undefined) queued.push(committed);
    else apply(index, committed);
  };

  /** What compact clients get of a sync that moved the index on from `from`. */
  const compactFrom = (current: PriceIndex, from: number) => ({ from, data: (filter: ItemFilter) => compactData(current, from, filter) });

  const apply = (current: PriceIndex, committed: CommittedChanges): void => {
    const from = current.cursor().seq;
    const result = current.apply(committed);
    if (result === 'applied') hub.broadcast(committed, compactFrom(current, from));
    else if (result === 'gap') reload(current);
    heads.moved();
  };

  /** The feed skipped a seq (another writer, or a fresh store): only the store knows the truth. */
  const reload = (current: PriceIndex): void => {
    if (reloading !== undefined) return;
    const before = current.cursor();
    logger.warn({ epoch: before.epoch, seq: before.seq }, 'SSE index out of step with the store; reloading');
    reloading = (async () => {
      try {
        const snapshot = await loadPriceSnapshot(db);
        current.replace(snapshot);
        const after = snapshot.cursor;
        if (after.epoch !== before.epoch) hub.resyncAll('epoch-mismatch', after);
        else if (after.seq > before.seq) {
          hub.broadcast({ ...after, committedAt: now(), changes: current.changedSince(before.seq, null) }, compactFrom(current, before.seq));
        }
      } catch (err) {
        // The old index stays; the next commit finds the same gap and tries again, and so does a
        // retry shortly after (in a cluster no further commit may come for a while).
        logger.error({ err }, 'SSE index reload failed');
        setTimeout(() => reload(current), RELOAD_RETRY_MS).unref();
      } finally {
        reloading = undefined;
        drainQueue(current);
        heads.moved();
      }
    })();
  };

  const heads = createHeadWait(() => index?.cursor(), () => index !== undefined && reload(index), 250);

  /** The cluster's log says the store is at `head`: behind it (or on another epoch), reload. */
  const receiveHead = (head: StoreHead): void => {
    const cursor = index?.cursor();
    if (index === undefined || cursor === undefined) return;
    if (head.epoch !== cursor.epoch || head.seq > cursor.seq) reload(index);
  };

  const drainQueue = (current: PriceIndex): void => {
    while (reloading === undefined) {
      const next = queued.shift();
      if (next === undefined) return;
      apply(current, next);
    }
  };

  /** The catch-up, as one payload per shared event: a storm of gzip clients compresses it once. */
  const payloads = new Map<string, SharedPayload>();
  const sharedCatchUp = (since: number, filter: ItemFilter, format: PriceFormat): string | SharedPayload => {
    const event = catchUp?.(since, filter, format) ?? '';
    if (filter.ids !== null) return event;
    if (payloads.size >= MAX_SHARED_PAYLOADS) payloads.clear();
    let payload = payloads.get(event);
    if (payload === undefined) payloads.set(event, (payload = new SharedPayload(event)));
    return payload;
  };

  const refuse = (reason: RefusalReason): never => {
    metrics.sseRefusals.inc({ reason });
    // Clients refused for load come back spread over a few retry intervals, not in one wave.
    const seconds = Math.ceil((sse.retryMs * (1 + Math.random() * 2)) / 1000);
    const code = reason === 'shutting_down' ? 'shutting_down' : 'too_many_clients';
    throw new HttpError(503, code, `${REFUSALS[reason]}; retry in ${seconds} s`, { retryAfterSeconds: seconds });
  };

  return {
    async start() {
      // Subscribe first: commits made while the snapshot loads wait in the queue, then drop as stale.
      unsubscribe.push(feed.subscribe(receive));
      // Windows need no index: whoever is connected hears of them; whoever connects later fetches after.
      unsubscribe.push(feed.subscribeWindows((window) => hub.announceHistory(window)));
      unsubscribe.push(feed.subscribeHeads(receiveHead));
      index = createPriceIndex(await loadPriceSnapshot(db));
      catchUp = createCatchUp(index);
      hub.start();
      drainQueue(index);
    },

    async handle(ctx) {
      const current = index;
      if (current === undefined || catchUp === undefined) return refuse('shutting_down');
      const params = new URLSearchParams(ctx.querystring);
      const filter = parseItemFilter(queryValue(params, 'items'));
      const format = parseFormat(queryValue(params, 'format'));
      if (filter.ids !== null) await requireKnownItems(db, [...filter.ids]);
      // HEAD learns what a GET would open, with no body: it takes no slot and is never registered.
      const gzip = ctx.acceptsEncodings('gzip', 'identity') === 'gzip';
      if (ctx.method === 'HEAD') {
        ctx.status = 200;
        ctx.set(streamHeaders(gzip));
        return;
      }
      const resumeId = pickResumeId(queryValue(params, 'since'), ctx.get('Last-Event-ID'));
      const from = parseEventId(resumeId);
      // A cursor ahead of this instance (the client came from a faster one) waits for it to catch up.
      if ((deps.holdAheadMs ?? 0) > 0 && from !== null && from.epoch === current.cursor().epoch) {
        await heads.until(from.epoch, from.seq, deps.holdAheadMs ?? 0);
      }
      while (reloading !== undefined) await reloading;
      // The client's address as server/http/client-address.ts reads it (TRUST_PROXY's hops skipped).
      const ip = ctx.ip;
      const refusal = hub.refusal(ip);
      if (refusal !== null) return refuse(refusal);
      // From here to hub.connect nothing awaits: no live event can fall between catch-up and registration.
      const { req, res } = ctx;
      if (req.socket.destroyed) return;
      ctx.respond = false;
      writeStreamHead(res, gzip);
      const id = randomUUID();
      const opening = firstChunk({ clientId: id, now: now(), retryMs: sse.retryMs, cursor: current.cursor(), catchUp: sharedCatchUp, filter, format, resumeId });
      if (opening.catchup !== undefined) metrics.sseCatchups.inc({ result: opening.catchup });
      hub.connect({ id, ip, filter, format, gzip, res, opening: opening.chunks });
    },

    clientCount: () => hub.size(),

    async close() {
      for (const stop of unsubscribe.splice(0)) stop();
      await hub.close();
    },
  };
}

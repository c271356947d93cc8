// The hub: every open stream, grouped by item filter so each sync is serialised once per distinct
// filter, never once per client. Its input is a plain call, broadcast(committed), so an
// in-process feed or a cross-process bus can drive it alike.
import type { ServerResponse } from 'node:http';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { CommittedChanges, WindowCommitted } from '../change-feed';
import type { Cursor } from '../../shared/domain/event-id';
import type { ResyncEvent } from '../../shared/protocol/events';
import { SseClient, type Chunk, type ClientOwner, type ItemFilter } from './sse-client';
import { SharedPayload } from './gzip-wire';
import { encodeRetry } from './sse-encode';
import { encodeHeartbeat, encodeHistory, encodeResync, encodeTimeout } from './stream-payloads';
import { fanOut, type ClientGroup, type CompactSource } from './fan-out';
import type { PriceFormat } from '../../shared/protocol/compact-prices';

export interface HubOptions {
  logger: Logger;
  metrics: Metrics;
  heartbeatIntervalMs: number;
  connectionTimeoutMs: number;
  retryMs: number;
  maxClients: number;
  maxClientsPerIp: number;
  slowClientMaxBytes: number;
  slowClientMaxMs: number;
  /** Unix milliseconds: connection deadlines and heartbeat times. */
  now: () => number;
  /** The compact event bringing a client of `filter` from `since` to the current cursor (the price index's). */
  compactSince: (since: number, filter: ItemFilter) => string;
}

export type RefusalReason = 'max_clients' | 'max_clients_per_ip' | 'shutting_down';

/** How long close() lets clients take their goodbye before their sockets are destroyed. */
const CLOSE_GRACE_MS = 1000;

export class SseHub {
  private readonly clients = new Set<SseClient>();
  private readonly groups = new Map<string, ClientGroup>();
  private readonly perIp = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private closing = false;

  private readonly owner: ClientOwner;

  constructor(private readonly options: HubOptions) {
    this.owner = {
      maxBacklogBytes: options.slowClientMaxBytes,
      maxBackedUpMs: options.slowClientMaxMs,
      stuck: (client, reason) => this.cut(client, reason),
      flushed: (type, bytes) => this.count(type, 1, bytes),
      compactSince: (since, filter) => options.compactSince(since, filter),
      wire: options.metrics.sseWire,
    };
  }

  start(): void {
    this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatIntervalMs);
    this.heartbeat.unref();
    // Timeouts are checked by one sweep, not a timer per client; a twentieth of the timeout
    // (at most 10 s late on the 30 min default) is well inside its jitter.
    const sweepMs = Math.min(10_000, Math.max(50, this.options.connectionTimeoutMs / 20));
    this.sweeper = setInterval(() => this.sweep(), sweepMs);
    this.sweeper.unref();
    this.options.logger.info('SSE Hub started');
  }

  size(): number {
    return this.clients.size;
  }

  /** Why a new stream from `ip` would be refused, or null. A limit of 0 means no limit. */
  refusal(ip: string): RefusalReason | null {
    const { maxClients, maxClientsPerIp } = this.options;
    if (this.closing) return 'shutting_down';
    if (maxClients > 0 && this.clients.size >= maxClients) return 'max_clients';
    if (maxClientsPerIp > 0 && (this.perIp.get(ip) ?? 0) >= maxClientsPerIp) return 'max_clients_per_ip';
    return null;
  }

  /** Registers a stream whose first bytes (retry, connected, catch-up) are `opening`. */
  connect(init: { id: string; ip: string; filter: ItemFilter; format: PriceFormat; gzip: boolean; res: ServerResponse; opening: readonly Chunk[] }): SseClient {
    const { logger, metrics, connectionTimeoutMs } = this.options;
    const key = groupKey(init.filter, init.format);
    let group = this.groups.get(key);
    if (group === undefined) {
      group = { filter: init.filter, format: init.format, clients: new Set() };
      this.groups.set(key, group);
    }
    // Jittered so the clients of one busy minute don't all come back in one wave.
    const deadline = this.options.now() + connectionTimeoutMs * (0.9 + Math.random() * 0.2);
    // The group's filter, not the request's copy: one Set per distinct filter.
    const client = new SseClient(init.id, init.ip, group.filter, init.format, init.res, deadline, this.owner, init.gzip);
    logger.info({ client_id: client.id, item_filters: init.filter.ids?.size ?? 0, remote_ip: init.ip }, 'SSE client connected');
    this.clients.add(client);
    this.perIp.set(init.ip, (this.perIp.get(init.ip) ?? 0) + 1);
    group.clients.add(client);
    init.res.on('close', () => this.remove(client));
    metrics.sseClients.set(this.clients.size);
    logger.info({ client_id: client.id, clients: this.clients.size }, 'SSE client registered');
    client.begin(init.opening);
    return client;
  }

  /** `compact` encodes the compact event's data for a filter (once per compact group). */
  broadcast(committed: CommittedChanges, compact: CompactSource): void {
    const started = performance.now();
    const tally = fanOut(committed, this.groups.values(), compact);
    // Counted once per broadcast, not once per write: one label lookup per type per sync.
    for (const [type, { events, bytes }] of Object.entries(tally)) this.count(type, events, bytes);
    this.options.metrics.sseBroadcastSeconds.observe((performance.now() - started) / 1000);
    this.options.logger.info({ client_count: this.clients.size, changed: committed.changes.length }, 'Broadcasting price sync completion to SSE clients');
  }

  /** A history window is in the store: every client hears of it, whatever its item filter. */
  announceHistory(window: WindowCommitted): void {
    const event = new SharedPayload(encodeHistory(window.timestep, window.timestamp));
    let written = 0;
    for (const client of this.clients) if (client.send(event)) written += 1;
    this.count('history', written, written * event.text.length);
    this.options.logger.debug({ client_count: written, timestep: window.timestep, timestamp: window.timestamp }, 'Announced a history window to SSE clients');
  }

  /** Every client's history is void (the store's epoch changed): tell them all to start over. */
  resyncAll(reason: ResyncEvent['reason'], cursor: Cursor): void {
    const event = new SharedPayload(encodeResync(reason, cursor));
    for (const client of this.clients) client.restart(event);
    this.count('resync', this.clients.size, this.clients.size * event.text.length);
  }

  /** Stops accepting, tells every client when to come back, and ends every stream. */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    clearInterval(this.sweeper);
    const retryMs = this.options.retryMs;
    const waits: Array<Promise<void>> = [];
    let bytes = 0;
    for (const client of this.clients) {
      // Spread over one retry interval so a restart isn't met by every client at the same instant.
      const retry = retryMs + Math.floor(Math.random() * retryMs);
      const goodbye = encodeRetry(retry) + encodeTimeout('server-shutdown', retry);
      bytes += goodbye.length;
      waits.push(new Promise((resolve) => client.res.once('close', () => resolve())));
      client.end(goodbye);
    }
    this.count('timeout', waits.length, bytes);
    let grace: NodeJS.Timeout | undefined;
    const expired = new Promise<void>((resolve) => {
      grace = setTimeout(resolve, CLOSE_GRACE_MS);
    });
    await Promise.race([Promise.all(waits), expired]);
    clearTimeout(grace);
    for (const client of this.clients) client.destroy();
  }

  private beat(): void {
    // One payload per beat: gzip streams share one compressed copy of it.
    const event = new SharedPayload(encodeHeartbeat(this.options.now()));
    let written = 0;
    for (const client of this.clients) if (client.writeIfIdle(event)) written += 1;
    this.count('heartbeat', written, written * event.text.length);
  }

  private sweep(): void {
    const now = this.options.now();
    let ended = 0;
    let goodbye: SharedPayload | undefined;
    for (const client of this.clients) {
      if (client.deadline > now) continue;
      goodbye ??= new SharedPayload(encodeTimeout('connection-timeout', this.options.retryMs));
      client.end(goodbye);
      ended += 1;
    }
    this.count('timeout', ended, ended * (goodbye?.text.length ?? 0));
  }

  private cut(client: SseClient, reason: 'bytes' | 'time'): void {
    this.options.metrics.sseSlowCuts.inc();
    this.options.logger.warn({ client_id: client.id, reason, backlog_bytes: client.res.writableLength }, 'SSE client cut: backed up too long');
    client.destroy();
  }

  private remove(client: SseClient): void {
    if (!this.clients.delete(client)) return;
    client.clearTimers();
    const left = (this.perIp.get(client.ip) ?? 1) - 1;
    if (left > 0) this.perIp.set(client.ip, left);
    else this.perIp.delete(client.ip);
    const key = groupKey(client.filter, client.format);
    const group = this.groups.get(key);
    group?.clients.delete(client);
    if (group?.clients.size === 0) this.groups.delete(key);
    this.options.metrics.sseClients.set(this.clients.size);
    this.options.logger.info({ client_id: client.id, clients: this.clients.size }, 'SSE client unregistered');
  }

  private count(type: string, events: number, bytes: number): void {
    if (events === 0) return;
    this.options.metrics.sseEvents.inc({ type }, events);
    if (bytes > 0) this.options.metrics.sseBytes.inc({ type }, bytes);
  }
}

/** Clients share a group, and so every payload, when they share the filter and the format. */
function groupKey(filter: ItemFilter, format: PriceFormat): string {
  return format === 'json' ? filter.key : `${format}:${filter.key}`;
}

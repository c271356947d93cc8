// Every Prometheus metric, defined once on a registry the app owns (no global default registry,
// so tests can build many apps in one process).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { WireTally } from './stream/sse-client';

export interface Metrics {
  registry: Registry;
  sseClients: Gauge;
  sseEvents: Counter<'type'>;
  /** SSE event bytes by type, before compression. */
  sseBytes: Counter<'type'>;
  /** What the streams put on the wire (after compression), by encoding: added to by every write, read on scrape. */
  sseWire: WireTally;
  sseBroadcastSeconds: Histogram;
  sseCatchups: Counter<'result'>;
  sseRefusals: Counter<'reason'>;
  sseSlowCuts: Counter;
  syncSeconds: Histogram<'job'>;
  syncChanges: Counter;
  upstreamErrors: Counter<'endpoint'>;
  upstreamRequests: Counter<'endpoint' | 'status'>;
  upstreamRejectedEntries: Counter<'endpoint'>;
  upstreamRefused: Counter<'endpoint'>;
  /** Cluster mode only; set each time the cluster status is read (health, /metrics). */
  clusterLeader: Gauge;
  clusterTerm: Gauge;
  clusterRedisUp: Gauge;
  clusterLagSeq: Gauge;
  clusterStreamDelaySeconds: Gauge;
  alertsFired: Counter<'kind'>;
  alertsEvaluationSeconds: Histogram;
  pushesSent: Counter;
  pushesFailed: Counter<'reason'>;
  pushesPruned: Counter;
}

export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const sseWire: WireTally = { gzip: 0, identity: 0 };
  new Counter({
    name: 'ge_sse_wire_bytes_total',
    help: 'SSE bytes put on the wire, after compression, by content encoding (gzip, identity)',
    labelNames: ['encoding'],
    registers,
    collect() {
      this.reset();
      this.inc({ encoding: 'gzip' }, sseWire.gzip);
      this.inc({ encoding: 'identity' }, sseWire.identity);
    },
  });
  return {
    sseWire,
    registry,
    sseClients: new Gauge({ name: 'ge_sse_clients', help: 'Connected SSE clients', registers }),
    sseEvents: new Counter({ name: 'ge_sse_events_total', help: 'SSE events written, by type', labelNames: ['type'], registers }),
    sseBytes: new Counter({ name: 'ge_sse_bytes_total', help: 'SSE event bytes written, by event type, before compression (ge_sse_wire_bytes_total: after)', labelNames: ['type'], registers }),
    sseBroadcastSeconds: new Histogram({
      name: 'ge_sse_broadcast_seconds',
      help: 'Time to hand one sync to every client',
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    sseCatchups: new Counter({ name: 'ge_sse_catchups_total', help: 'Stream resumes, by result (exact, resync)', labelNames: ['result'], registers }),
    sseRefusals: new Counter({ name: 'ge_sse_refusals_total', help: 'Refused stream connections, by reason', labelNames: ['reason'], registers }),
    sseSlowCuts: new Counter({ name: 'ge_sse_slow_client_cuts_total', help: 'Clients cut for staying backed up', registers }),
    syncSeconds: new Histogram({
      name: 'ge_sync_duration_seconds',
      help: 'Duration of sync jobs',
      labelNames: ['job'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    syncChanges: new Counter({ name: 'ge_sync_price_changes_total', help: 'Price changes written by the latest sync', registers }),
    upstreamErrors: new Counter({ name: 'ge_upstream_errors_total', help: 'Failed upstream calls, by endpoint', labelNames: ['endpoint'], registers }),
    upstreamRequests: new Counter({
      name: 'ge_upstream_requests_total',
      help: 'Upstream HTTP requests, by endpoint and status',
      labelNames: ['endpoint', 'status'],
      registers,
    }),
    upstreamRejectedEntries: new Counter({
      name: 'ge_upstream_rejected_entries_total',
      help: 'Impossible upstream entries dropped (the rest of the answer kept), by endpoint',
      labelNames: ['endpoint'],
      registers,
    }),
    upstreamRefused: new Counter({
      name: 'ge_upstream_refused_total',
      help: 'Upstream calls not made because the request budget queue was full, by endpoint',
      labelNames: ['endpoint'],
      registers,
    }),
    clusterLeader: new Gauge({ name: 'ge_cluster_leader', help: '1 while this instance is the sync leader', registers }),
    clusterTerm: new Gauge({ name: 'ge_cluster_term', help: 'The newest leader term this instance has seen (its own while it leads)', registers }),
    clusterRedisUp: new Gauge({ name: 'ge_cluster_redis_up', help: '1 while this instance reaches Redis', registers }),
    clusterLagSeq: new Gauge({ name: 'ge_cluster_lag_seq', help: 'Seqs this instance\'s stream is behind the newest the leader announced', registers }),
    clusterStreamDelaySeconds: new Gauge({
      name: 'ge_cluster_stream_delay_seconds',
      help: 'From the leader\'s commit to this instance reading it off the live log, for the last entry',
      registers,
    }),
    alertsFired: new Counter({ name: 'ge_alerts_fired_total', help: 'Alerts fired by the server\'s evaluation, by kind', labelNames: ['kind'], registers }),
    alertsEvaluationSeconds: new Histogram({
      name: 'ge_alerts_evaluation_seconds',
      help: 'Time to evaluate the rules of one sync\'s changed items',
      buckets: [0.001, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers,
    }),
    pushesSent: new Counter({ name: 'ge_pushes_sent_total', help: 'Pushes the push service accepted', registers }),
    pushesFailed: new Counter({ name: 'ge_pushes_failed_total', help: 'Pushes given up, by reason', labelNames: ['reason'], registers }),
    pushesPruned: new Counter({ name: 'ge_pushes_pruned_total', help: 'Subscriptions deleted because their push service said they are gone (404, 410)', registers }),
  };
}

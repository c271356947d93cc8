// What the app is built from. Its own module so route modules can name the part they use without
// importing the app that mounts them.
import type { CoreDeps } from './core-deps';
import type { StreamService } from './stream/stream-service';
import type { HistoryBackfill } from './sync/history-backfill';
import type { UnrecordedOutcomes } from './sync/job-runner';
import type { ClusterStatus } from './cluster/cluster-node';
import type { PushStatus } from './push/vapid-keys';

export interface AppDeps extends CoreDeps {
  /** Unix milliseconds: the one clock every route reads (tests drive it). */
  now: () => number;
  /** The live stream; absent when SSE_ENABLED=false or in REST-only tests. */
  stream?: StreamService;
  /** Fetches /timeseries for history the store lacks; absent in tests that don't need it. */
  backfillHistory?: HistoryBackfill;
  /** Sync outcomes the store could not record (a read-only or full disk); health shows them. */
  unrecordedOutcomes?: () => UnrecordedOutcomes;
  /** Cluster mode: this instance's role, term and view of Redis and the live log. */
  clusterStatus?: () => ClusterStatus;
  /** Whether push is on, with the VAPID public key; off when absent. */
  push?: PushStatus;
  /** A device's buy-limit resets changed through this instance: the push timer looks again. */
  limitResetsChanged?: () => void;
}

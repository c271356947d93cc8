// The sync's lifecycle: mapping then latest once at start, then every job on its own clock.
// Jobs never throw out of here: a failing upstream is logged and recorded in sync_state (what
// health shows) while the server keeps serving what it has.
import { setMaxListeners } from 'node:events';
import type { CoreDeps } from '../core-deps';
import type { ChangeFeed } from '../change-feed';
import { readBucketRange } from '../store/history-query';
import { readMappedItemIds } from '../store/items-repo';
import { createLatestWriter } from '../store/price-writes';
import { readSyncStates } from '../store/sync-state-query';
import type { SyncJobName } from '../store/sync-state-repo';
import type { WikiClient } from '../upstream/wiki-client';
import { TIMESTEP_SECONDS, type WindowStep } from '../../shared/domain/timestep';
import { createJobRunner, type UnrecordedOutcomes } from './job-runner';
import { syncMapping } from './catalogue-job';
import { createMappingGuard } from './mapping-guard';
import { syncLatest } from './latest-job';
import { syncWindows } from './window-job';
import { pruneHistory, retentionSeconds } from './retention';
import { createHistoryBackfill, type HistoryBackfill } from './history-backfill';
import { syncTimeseries } from './timeseries-job';
import { lastCompleteWindow, nextMappingRun, nextWindowRun } from './schedule';

export interface SyncServiceDeps extends CoreDeps {
  client: WikiClient;
  feed: ChangeFeed;
  /** Unix milliseconds; tests may pin it. */
  now?: () => number;
  /** Cluster mode: the leader term this sync writes under; the store refuses it once a newer one exists. */
  term?: number;
}

export interface SyncService {
  /** Runs mapping then latest once, then schedules every job. */
  start(): Promise<void>;
  /** Stops scheduling and waits for a running job's transaction to finish. */
  stop(): Promise<void>;
  /** Runs one job now (unless it is already running); resolves true when it succeeded. */
  runJob(job: Exclude<SyncJobName, 'timeseries'>): Promise<boolean>;
  /** Fetches /timeseries for history the store lacks (the history route and anything else ask it). */
  backfillHistory: HistoryBackfill;
  /** Job outcomes the store could not record, for health to show over what it did record. */
  unrecordedOutcomes(): UnrecordedOutcomes;
}

const PRUNE_EVERY_MS = 3_600_000;
/** A /1h poll that still gets the window before last is retried this many times, then left to backfill. */
const LAGGING_RETRIES = 3;

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const { config, db, logger } = deps;
  const now = deps.now ?? Date.now;
  const controller = new AbortController();
  // Every queued or running upstream call listens for shutdown here; the request budget bounds how many.
  setMaxListeners(0, controller.signal);
  const runner = createJobRunner({ db, logger, metrics: deps.metrics, now, cancelled: () => controller.signal.aborted });
  const call = { signal: controller.signal };
  const keep = retentionSeconds(config.retention);
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  let pruning: Promise<void> = Promise.resolve();
  const newestWindow: Record<WindowStep, number> = { '5m': 0, '1h': 0 };

  const context = {
    db, client: deps.client, feed: deps.feed, logger, metrics: deps.metrics, now, term: deps.term,
    maxNewItems: config.sync.maxNewItems,
    latestWriter: createLatestWriter(db),
    mappingGuard: createMappingGuard(config.sync.mappingShrinkAfterMs),
  };
  const windowWork = (step: WindowStep) => async (): Promise<void> => {
    const result = await syncWindows(
      { ...context, backfillMaxWindows: config.sync.backfillMaxWindows, retentionSeconds: keep[step] },
      step,
      call,
    );
    newestWindow[step] = result.newest;
  };
  const work: Record<Exclude<SyncJobName, 'timeseries'>, () => Promise<void>> = {
    mapping: () => syncMapping(context, call),
    latest: () => syncLatest(context, call),
    '5m': windowWork('5m'),
    '1h': windowWork('1h'),
  };
  const runJob: SyncService['runJob'] = async (job) => (stopped ? false : runner.run(job, work[job]));

  function later(delayMs: number, fn: () => Promise<void> | void): void {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void fn();
    }, Math.max(0, delayMs));
    timer.unref();
    timers.add(timer);
  }

  // The next run is timed from the start of the previous one, and never overlaps it.
  function every(job: 'mapping' | 'latest', intervalMs: number, firstDelayMs = intervalMs): void {
    const tick = async (): Promise<void> => {
      const started = now();
      await runJob(job);
      later(started + intervalMs - now(), tick);
    };
    later(firstDelayMs, tick);
  }

  /** When the catalogue is due (schedule.ts decides); a store that cannot say counts as now. */
  async function mappingDueAt(): Promise<number> {
    try {
      const last = (await readSyncStates(db)).find((state) => state.job === 'mapping')?.lastSuccess ?? null;
      const empty = (await readMappedItemIds(db)).size === 0;
      return nextMappingRun(last === null ? null : last * 1000, empty, now(), config.sync.mappingIntervalMs);
    } catch (err) {
      logger.warn({ err }, 'could not read when the catalogue was last synced; syncing it now');
      return now();
    }
  }

  function atWindows(step: WindowStep): void {
    const size = TIMESTEP_SECONDS[step];
    const delay = config.sync.windowDelayMs;
    let lagging = 0;
    const tick = async (): Promise<void> => {
      await runJob(step);
      const behind = newestWindow[step] < lastCompleteWindow(now(), size);
      lagging = behind ? lagging + 1 : 0;
      // The wiki publishes a window a little after its end; ask again soon rather than next boundary.
      if (behind && lagging <= LAGGING_RETRIES) later(Math.min(Math.max(delay, 1000), 60_000), tick);
      else later(nextWindowRun(now(), size, delay) - now(), tick);
    };
    later(0, tick);
  }

  function prunePeriodically(): void {
    const tick = async (): Promise<void> => {
      pruning = pruneHistory(db, config.retention, Math.floor(now() / 1000)).then(
        (deleted) => logger.debug({ deleted }, 'history pruned'),
        (err: unknown) => logger.warn({ err }, 'pruning history failed'),
      );
      await pruning;
      later(PRUNE_EVERY_MS, tick);
    };
    later(0, tick);
  }

  return {
    async start() {
      if (!config.sync.enabled) {
        logger.info('sync disabled (SYNC_ENABLED=false)');
        return;
      }
      const mappingDue = await mappingDueAt();
      if (mappingDue <= now()) await runJob('mapping');
      else logger.info({ nextAt: new Date(mappingDue).toISOString() }, 'catalogue is fresh; not syncing it at start');
      await runJob('latest');
      if (mappingDue <= now()) every('mapping', config.sync.mappingIntervalMs);
      else every('mapping', config.sync.mappingIntervalMs, mappingDue - now());
      every('latest', config.sync.latestIntervalMs);
      atWindows('5m');
      atWindows('1h');
      prunePeriodically();
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      controller.abort();
      await runner.idle();
      await pruning;
    },
    runJob,
    unrecordedOutcomes: () => runner.unrecorded(),
    backfillHistory: createHistoryBackfill({
      readRange: (itemId, step) => readBucketRange(db, itemId, step),
      fetchSeries: (itemId, step) =>
        runner.track('timeseries', () => syncTimeseries({ ...context, retentionSeconds: keep[step] }, itemId, step, call)),
      retentionSeconds: keep,
      logger,
      now,
    }),
  };
}

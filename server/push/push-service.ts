// Price alerts for closed apps. After every committed /latest sync (in cluster mode only the
// leader's sync calls it), the rules of the items that changed are evaluated with the device's own
// code (shared/domain/alerts), the states that changed are stored before anything is sent (so a
// restart never fires the same alert again), and what fired is handed to the sender. Every step
// runs after the sync, on a chain of its own: nothing the sync or the stream does waits for it.
import type { Agent } from 'node:https';
import type { CommittedChanges, WindowCommitted } from '../change-feed';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import type { Db } from '../store/db';
import type { BucketReference } from '../../shared/domain/alert-market-buckets';
import { createAlertReferenceReader } from '../store/alert-market-query';
import { deleteSubscription, listSubscriptionIds, listSubscriptionsSince, readPushRevision, saveRuleStates, type StatesUpdate } from '../store/push-subscriptions-repo';
import type { PushConfig } from '../config-push';
import { createRuleIndex, statesOf } from './rule-index';
import { evaluateChanges, type Evaluated } from './evaluate-changes';
import { createPushSender, type PushSender, type VapidIdentity } from './push-sender';
import { createLimitResetTimer } from './limit-reset-timer';

/** Syncs waiting to be evaluated; beyond it the oldest is skipped (its rules see the next one). */
const MAX_WAITING_SYNCS = 5;

export interface PushServiceDeps {
  db: Db;
  config: PushConfig;
  vapid: VapidIdentity;
  logger: Logger;
  metrics: Metrics;
  /** Tests only: reaches a stand-in push service with a self-signed certificate. */
  agent?: Agent;
  /** Whether this instance sends buy-limit resets (cluster mode: while it leads); always by default. */
  leading?: () => boolean;
  /** Unix milliseconds; Date.now by default. */
  now?: () => number;
}

export interface AlertPushService {
  /** Hand it a committed sync; returns at once. */
  onCommitted(committed: CommittedChanges): void;
  /** A window was stored: the references alerts compare against are read again. */
  onWindow(window: WindowCommitted): void;
  /** Starts the timer that pushes buy-limit resets when they come due. */
  start(): void;
  /** A device's buy-limit resets changed through this instance. */
  limitResetsChanged(): void;
  /** Resolves when every sync handed over so far has been evaluated and its pushes sent or given up. */
  idle(): Promise<void>;
  close(): void;
}

/** Rules evaluated between two turns of the event loop, so requests and the stream are served meanwhile. */
const RULES_PER_SLICE = 5000;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function createPushService(deps: PushServiceDeps): AlertPushService {
  const { db, logger, metrics } = deps;
  const index = createRuleIndex();
  let revision = -1;
  const referenceReader = createAlertReferenceReader(db);
  let references: Map<number, BucketReference> | null = null;
  let chain: Promise<void> = Promise.resolve();
  let waiting = 0;
  let closed = false;

  const sender: PushSender = createPushSender({
    config: deps.config, vapid: deps.vapid, logger, metrics, agent: deps.agent,
    onGone: async (id) => {
      index.remove(id);
      await deleteSubscription(db, id);
      logger.info({ subscription: id }, 'push subscription gone; deleted');
    },
  });

  const limitResets = createLimitResetTimer({
    db, sender, leading: deps.leading ?? (() => true), now: deps.now ?? Date.now, logger, metrics,
  });

  /** Learns of the subscriptions changed through any instance since the last look. */
  const refresh = async (): Promise<void> => {
    const current = await readPushRevision(db);
    if (current === revision) return;
    for (const record of await listSubscriptionsSince(db, revision)) index.apply(record);
    if (revision >= 0) index.retain(new Set(await listSubscriptionIds(db)));
    revision = current;
  };

  const evaluate = async (committed: CommittedChanges): Promise<void> => {
    await refresh();
    if (index.size() === 0) return;
    references ??= await referenceReader.read();
    const current = references;
    let evaluated: Evaluated = { fired: [], changed: new Set() };
    let spent = 0;
    for (let next = 0; next < committed.changes.length;) {
      // The sync's stream batch and waiting requests go first.
      await nextTurn();
      const started = performance.now();
      ({ result: evaluated, next } = evaluateChanges(index, committed, current, evaluated, next, RULES_PER_SLICE));
      spent += performance.now() - started;
    }
    metrics.alertsEvaluationSeconds.observe(spent / 1000);
    const { fired, changed } = evaluated;
    const updates: StatesUpdate[] = [...changed].map((subscription) => ({ id: subscription.id, revision: subscription.revision, states: statesOf(subscription) }));
    await saveRuleStates(db, updates);
    for (const { subscription, alert } of fired) {
      metrics.alertsFired.inc({ kind: alert.kind });
      sender.send(subscription, alert);
    }
    if (fired.length > 0) logger.info({ seq: committed.seq, fired: fired.length }, 'alerts fired');
  };

  const enqueue = (work: () => Promise<void>, what: string): void => {
    if (closed) return;
    if (waiting >= MAX_WAITING_SYNCS) {
      logger.warn({ what }, 'alert evaluation is behind; this one is skipped');
      return;
    }
    waiting += 1;
    chain = chain.then(async () => {
      waiting -= 1;
      if (closed) return;
      try {
        await work();
      } catch (err) {
        logger.error({ err, what }, 'alert evaluation failed');
      }
    });
  };

  return {
    onCommitted(committed) {
      if (committed.changes.length > 0) enqueue(() => evaluate(committed), `seq ${committed.seq}`);
    },
    onWindow(window) {
      enqueue(async () => {
        references = await referenceReader.read();
      }, `${window.timestep} window ${window.timestamp}`);
    },
    start: () => limitResets.start(),
    limitResetsChanged: () => limitResets.poke(),
    async idle() {
      let seen: Promise<void>;
      do {
        seen = chain;
        await seen;
        await limitResets.idle();
        await sender.idle();
      } while (seen !== chain);
    },
    close() {
      closed = true;
      limitResets.stop();
      sender.close();
    },
  };
}

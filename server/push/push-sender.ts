// Sends fired alerts to push services: a bounded queue, a bounded number in flight, a socket
// timeout on each, retries with the shared backoff. 404 and 410 mean the subscription is gone
// (it is deleted); 429 pauses that push service for its Retry-After; 400, 403 and 413 are ours to
// fix and are not retried. Nothing here is awaited by the sync.
import type { Agent } from 'node:https';
import webpush from 'web-push';
import type { PushConfig } from '../config-push';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { backoffDelay } from '../../shared/domain/backoff';
import type { FiredAlert } from '../../shared/protocol/alerts';
import { createHash } from 'node:crypto';

export interface VapidIdentity {
  subject: string;
  publicKey: string;
  privateKey: string;
}

export interface PushTarget {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushSenderDeps {
  config: PushConfig;
  vapid: VapidIdentity;
  logger: Logger;
  metrics: Metrics;
  /** The subscription's push service said it is gone. */
  onGone: (id: string) => Promise<void>;
  /** Tests only: the agent that reaches a stand-in push service with a self-signed certificate. */
  agent?: Agent;
  now?: () => number;
}

/** What one push carries, and what the logs name it by. */
export interface PushMessage {
  payload: object;
  topic: string;
  urgency: 'normal' | 'high';
  about: Record<string, unknown>;
}

export interface PushSender {
  send(target: PushTarget, alert: FiredAlert): void;
  /** Any other push (a buy-limit reset). */
  sendMessage(target: PushTarget, message: PushMessage): void;
  /** Resolves when nothing is queued, waiting or in flight. */
  idle(): Promise<void>;
  close(): void;
}

const RETRY_BACKOFF = { baseMs: 1000, maxMs: 60_000 };
const TOPIC_MAX = 32;

/** The push service keeps one queued message per topic: a newer firing of the alert replaces it. */
export function alertTopic(alertId: string): string {
  return alertId.length <= TOPIC_MAX ? alertId : createHash('sha256').update(alertId).digest('base64url').slice(0, TOPIC_MAX);
}

interface Job {
  target: PushTarget;
  message: PushMessage;
  attempt: number;
}

function alertMessage(alert: FiredAlert): PushMessage {
  return { payload: alert, topic: alertTopic(alert.alertId), urgency: alert.kind === 'dump' ? 'high' : 'normal', about: { alert: alert.alertId, seq: alert.seq } };
}

function retryAfterMs(headers: Record<string, string | string[] | undefined> | undefined, now: number): number | null {
  const raw = headers?.['retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export function createPushSender(deps: PushSenderDeps): PushSender {
  const { config, logger, metrics } = deps;
  const now = deps.now ?? Date.now;
  const queue: Job[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const pausedUntil = new Map<string, number>();
  let active = 0;
  let closed = false;
  let waiters: Array<() => void> = [];

  const settleIdle = (): void => {
    if (queue.length > 0 || active > 0 || timers.size > 0) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };
  const later = (job: Job, delayMs: number): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      enqueue(job);
    }, delayMs);
    timer.unref();
    timers.add(timer);
  };
  const giveUp = (job: Job, reason: string, detail?: unknown): void => {
    metrics.pushesFailed.inc({ reason });
    logger.warn({ subscription: job.target.id, ...job.message.about, reason, detail }, 'push given up');
  };
  const enqueue = (job: Job): void => {
    if (closed) return;
    if (queue.length >= config.queueMax) {
      const dropped = queue.shift();
      if (dropped !== undefined) giveUp(dropped, 'queue_full');
    }
    queue.push(job);
    pump();
  };

  const attempt = async (job: Job): Promise<void> => {
    const origin = new URL(job.target.endpoint).origin;
    const paused = (pausedUntil.get(origin) ?? 0) - now();
    if (paused > 0) return later(job, paused);
    try {
      await webpush.sendNotification(
        { endpoint: job.target.endpoint, keys: job.target.keys },
        JSON.stringify(job.message.payload),
        {
          TTL: config.ttlSeconds,
          urgency: job.message.urgency,
          topic: job.message.topic,
          vapidDetails: deps.vapid,
          timeout: config.timeoutMs,
          ...(deps.agent === undefined ? {} : { agent: deps.agent }),
        },
      );
      metrics.pushesSent.inc();
    } catch (error) {
      const status = error instanceof webpush.WebPushError ? error.statusCode : null;
      if (status === 404 || status === 410) {
        metrics.pushesPruned.inc();
        await deps.onGone(job.target.id).catch((err: unknown) => logger.warn({ err, subscription: job.target.id }, 'deleting a gone subscription failed'));
        return;
      }
      if (status !== null && status >= 400 && status < 500 && status !== 429 && status !== 408) return giveUp(job, `status_${status}`, error instanceof webpush.WebPushError ? error.body : undefined);
      if (job.attempt >= config.retries) return giveUp(job, status === null ? 'unreachable' : `status_${status}`, error instanceof Error ? error.message : String(error));
      let delay = backoffDelay(job.attempt, RETRY_BACKOFF);
      if (status === 429) {
        delay = Math.max(delay, retryAfterMs(error instanceof webpush.WebPushError ? error.headers : undefined, now()) ?? 0);
        pausedUntil.set(origin, now() + delay);
      }
      later({ ...job, attempt: job.attempt + 1 }, delay);
    }
  };

  function pump(): void {
    while (!closed && active < config.concurrency && queue.length > 0) {
      const job = queue.shift()!;
      active += 1;
      void attempt(job).finally(() => {
        active -= 1;
        pump();
        settleIdle();
      });
    }
  }

  return {
    send: (target, alert) => enqueue({ target, message: alertMessage(alert), attempt: 0 }),
    sendMessage: (target, message) => enqueue({ target, message, attempt: 0 }),
    idle: () => new Promise<void>((resolve) => {
      waiters.push(resolve);
      settleIdle();
    }),
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      queue.length = 0;
      settleIdle();
    },
  };
}

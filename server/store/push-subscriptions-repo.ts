// Push subscriptions, their rules and the rules' evaluation state. Every change raises the one
// revision (push_state) and stamps the subscription with it, so the instance that evaluates learns
// what changed through any instance by asking for what is newer than the revision it holds.
import { z } from 'zod';
import { AlertRulesSchema, AlertStateSchema, type AlertRule, type AlertState } from '../../shared/protocol/alerts';
import type { LimitReset } from '../../shared/domain/limit-resets';
import type { Db } from './db';
import { writeLimitResets } from './limit-resets-repo';

export interface PushSubscriptionRecord {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  clientAddress: string;
  rules: AlertRule[];
  states: Record<string, AlertState>;
  revision: number;
}

export interface RegisterInput extends Pick<PushSubscriptionRecord, 'id' | 'endpoint' | 'p256dh' | 'auth' | 'clientAddress' | 'rules'> {
  /** The buy-limit resets the device waits for: they replace those held (the past ones are not kept). */
  limitResets: readonly LimitReset[];
  /** Unix seconds. */
  now: number;
}

const StatesSchema = z.record(z.string(), AlertStateSchema);

type Row = { id: string; endpoint: string; p256dh: string; auth: string; client_address: string; rules: string; states: string; revision: number };

function toRecord(row: Row): PushSubscriptionRecord {
  const states = StatesSchema.safeParse(JSON.parse(row.states));
  return {
    id: row.id,
    endpoint: row.endpoint,
    p256dh: row.p256dh,
    auth: row.auth,
    clientAddress: row.client_address,
    rules: AlertRulesSchema.parse(JSON.parse(row.rules)),
    // A state that no longer reads only costs its rule a fresh start.
    states: states.success ? states.data : {},
    revision: Number(row.revision),
  };
}

const COLUMNS = ['id', 'endpoint', 'p256dh', 'auth', 'client_address', 'rules', 'states', 'revision'] as const;

async function nextRevision(trx: Db): Promise<number> {
  const row = await trx.updateTable('push_state').set((eb) => ({ revision: eb('revision', '+', 1) })).where('id', '=', 1).returning('revision').executeTakeFirstOrThrow();
  return Number(row.revision);
}

export async function findSubscription(db: Db, id: string): Promise<PushSubscriptionRecord | undefined> {
  const row = await db.selectFrom('push_subscriptions').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

export async function countSubscriptionsFrom(db: Db, clientAddress: string): Promise<number> {
  const row = await db.selectFrom('push_subscriptions').select((eb) => eb.fn.countAll().as('n')).where('client_address', '=', clientAddress).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Adds the subscription, or refreshes the one with its id (keys and rules; the rules' states are
 * kept, a rule edited since starts afresh by itself). A refresh that changes nothing leaves the
 * revision alone: the app sends its subscription on every start.
 */
export async function registerSubscription(db: Db, input: RegisterInput): Promise<{ created: boolean; limitResets: number }> {
  const rules = JSON.stringify(input.rules);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('push_subscriptions').select(['p256dh', 'auth', 'rules']).where('id', '=', input.id).executeTakeFirst();
    // The resets are read by time, not through the revision: a refresh that changes only them leaves it alone.
    if (existing !== undefined && existing.p256dh === input.p256dh && existing.auth === input.auth && existing.rules === rules) {
      await trx.updateTable('push_subscriptions').set({ updated_at: input.now }).where('id', '=', input.id).execute();
      return { created: false, limitResets: await writeLimitResets(trx, input.id, input.limitResets, input.now) };
    }
    const revision = await nextRevision(trx);
    await trx
      .insertInto('push_subscriptions')
      .values({
        id: input.id, endpoint: input.endpoint, p256dh: input.p256dh, auth: input.auth, client_address: input.clientAddress,
        rules, states: '{}', revision, created_at: input.now, updated_at: input.now,
      })
      .onConflict((oc) => oc.column('id').doUpdateSet({ p256dh: input.p256dh, auth: input.auth, rules, revision, updated_at: input.now }))
      .execute();
    return { created: existing === undefined, limitResets: await writeLimitResets(trx, input.id, input.limitResets, input.now) };
  });
}

/** Replaces the rules and the resets; null when there is no such subscription (nothing changed). */
export async function replaceRules(db: Db, id: string, rules: AlertRule[], limitResets: readonly LimitReset[], now: number): Promise<{ limitResets: number } | null> {
  return db.transaction().execute(async (trx) => {
    const revision = await nextRevision(trx);
    const result = await trx.updateTable('push_subscriptions').set({ rules: JSON.stringify(rules), revision, updated_at: now }).where('id', '=', id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) return null;
    return { limitResets: await writeLimitResets(trx, id, limitResets, now) };
  });
}

export async function deleteSubscription(db: Db, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await nextRevision(trx);
    await trx.deleteFrom('push_limit_resets').where('subscription_id', '=', id).execute();
    const result = await trx.deleteFrom('push_subscriptions').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  });
}

export async function readPushRevision(db: Db): Promise<number> {
  const row = await db.selectFrom('push_state').select('revision').where('id', '=', 1).executeTakeFirst();
  return Number(row?.revision ?? 0);
}

/** The subscriptions changed after `revision`, oldest change first. */
export async function listSubscriptionsSince(db: Db, revision: number): Promise<PushSubscriptionRecord[]> {
  const rows = await db.selectFrom('push_subscriptions').select(COLUMNS).where('revision', '>', revision).orderBy('revision').execute();
  return rows.map(toRecord);
}

export async function listSubscriptionIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('push_subscriptions').select('id').execute();
  return rows.map((row) => row.id);
}

export interface StatesUpdate {
  id: string;
  /** The revision the states were evaluated against: a subscription changed since keeps its own. */
  revision: number;
  states: Record<string, AlertState>;
}

export async function saveRuleStates(db: Db, updates: readonly StatesUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const update of updates) {
      await trx.updateTable('push_subscriptions').set({ states: JSON.stringify(update.states) })
        .where('id', '=', update.id).where('revision', '=', update.revision).execute();
    }
  });
}

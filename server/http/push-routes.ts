// The push routes: the VAPID public key, and a device's subscription with its alert rules.
// Registering is idempotent on the endpoint (the app sends it on every start); replacing the rules
// and deleting need `Authorization: Bearer <the subscription's keys.auth>`: only the browser that
// made the subscription (and the server it gave it to) knows that secret.
import { createHash, timingSafeEqual } from 'node:crypto';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { AppDeps } from '../app-deps';
import { HttpError } from '../http-error';
import { requireKnownItems } from '../known-items';
import { refuseEndpoint } from '../push/endpoint-hosts';
import { PUSH_OFF_REASON } from '../push/vapid-keys';
import {
  countSubscriptionsFrom, deleteSubscription, findSubscription, registerSubscription, replaceRules, type PushSubscriptionRecord,
} from '../store/push-subscriptions-repo';
import type { LimitReset } from '../../shared/domain/limit-resets';
import type { AlertRule } from '../../shared/protocol/alerts';
import { RegisterPushBodySchema, ReplaceRulesBodySchema, type PushSubscriptionAnswer } from '../../shared/protocol/push';
import { readJsonBody } from './json-body';
import { validate, validateBody } from './validate';

/** 50 rules of a few hundred bytes each and 100 resets of about 30, with room to spare. */
const MAX_BODY_BYTES = 32_768;
const parseRegister = validateBody(RegisterPushBodySchema);
const parseReplace = validateBody(ReplaceRulesBodySchema);
const parseId = validate(z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'expected a subscription id as POST answered it') }));

/** What names a subscription: the same for the same endpoint, on every instance. */
export function subscriptionId(endpoint: string): string {
  return createHash('sha256').update(endpoint).digest('base64url').slice(0, 22);
}

function sameSecret(given: string, held: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(held);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function registerPushRoutes(router: Router, deps: Pick<AppDeps, 'db' | 'config' | 'now' | 'push' | 'limitResetsChanged'>): void {
  const nowSeconds = () => Math.floor(deps.now() / 1000);
  const requireOn = (): string => {
    if (deps.push?.enabled !== true) throw new HttpError(404, 'push_disabled', deps.push?.reason ?? PUSH_OFF_REASON);
    return deps.push.publicKey;
  };
  const requireItems = (rules: readonly AlertRule[], resets: readonly LimitReset[]) =>
    requireKnownItems(deps.db, [...new Set([...rules, ...resets].map((named) => named.itemId))]);
  /** The resets changed through this instance: its timer looks again (other instances' changes it finds by polling). */
  const resetsChanged = () => deps.limitResetsChanged?.();

  /** The subscription named in the path, when the request proves it holds it. */
  const requireHolder = async (ctx: Context): Promise<PushSubscriptionRecord> => {
    const { id } = parseId(ctx.params);
    const match = /^Bearer ([A-Za-z0-9_-]{1,64})$/.exec(ctx.get('Authorization'));
    if (match === null) {
      ctx.set('WWW-Authenticate', 'Bearer realm="push subscription"');
      throw new HttpError(401, 'unauthorized', 'send Authorization: Bearer <the subscription\'s keys.auth>');
    }
    const record = await findSubscription(deps.db, id);
    if (record === undefined) throw new HttpError(404, 'unknown_subscription', `no push subscription ${id}`);
    if (!sameSecret(match[1]!, record.auth)) throw new HttpError(403, 'forbidden', 'this is not the secret of that subscription');
    return record;
  };

  router.get('/api/v1/push/key', (ctx) => {
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = { publicKey: requireOn() };
  });

  router.post('/api/v1/push/subscriptions', async (ctx) => {
    requireOn();
    const body = parseRegister(await readJsonBody(ctx, MAX_BODY_BYTES));
    const { endpoint, keys } = body.subscription;
    const refused = refuseEndpoint(endpoint, deps.config.push.endpointHosts);
    if (refused !== null) throw new HttpError(400, 'endpoint_not_allowed', refused);
    await requireItems(body.rules, body.limitResets);
    const id = subscriptionId(endpoint);
    const existing = await findSubscription(deps.db, id);
    if (existing !== undefined && !sameSecret(keys.auth, existing.auth)) {
      throw new HttpError(403, 'forbidden', 'that endpoint is registered with another auth secret');
    }
    const cap = deps.config.push.maxSubscriptionsPerIp;
    if (existing === undefined && (await countSubscriptionsFrom(deps.db, ctx.ip)) >= cap) {
      throw new HttpError(429, 'too_many_subscriptions', `this address holds ${cap} push subscriptions already (PUSH_MAX_SUBSCRIPTIONS_PER_IP)`);
    }
    const { created, limitResets } = await registerSubscription(deps.db, {
      id, endpoint, p256dh: keys.p256dh, auth: keys.auth, clientAddress: ctx.ip, rules: body.rules, limitResets: body.limitResets, now: nowSeconds(),
    });
    resetsChanged();
    const answer: PushSubscriptionAnswer = { id, rules: body.rules.length, limitResets, created };
    ctx.status = created ? 201 : 200;
    ctx.body = answer;
  });

  router.put('/api/v1/push/subscriptions/:id', async (ctx) => {
    requireOn();
    const record = await requireHolder(ctx);
    const body = parseReplace(await readJsonBody(ctx, MAX_BODY_BYTES));
    await requireItems(body.rules, body.limitResets);
    const replaced = await replaceRules(deps.db, record.id, body.rules, body.limitResets, nowSeconds());
    if (replaced === null) throw new HttpError(404, 'unknown_subscription', `no push subscription ${record.id}`);
    resetsChanged();
    const answer: PushSubscriptionAnswer = { id: record.id, rules: body.rules.length, limitResets: replaced.limitResets, created: false };
    ctx.body = answer;
  });

  router.delete('/api/v1/push/subscriptions/:id', async (ctx) => {
    requireOn();
    const record = await requireHolder(ctx);
    await deleteSubscription(deps.db, record.id);
    ctx.status = 204;
  });
}

// The push routes' bodies and answers (/api/v1/push/*), one definition for the device and the server.
import { z } from 'zod';
import { MAX_ITEM_ID } from './item-id';
import { MAX_LIMIT_RESETS } from '../domain/limit-resets';
import { AlertRulesSchema } from './alerts';

/** base64url without padding, as PushSubscription.toJSON() gives the keys. */
const base64url = (min: number, max: number) => z.string().min(min).max(max).regex(/^[A-Za-z0-9_-]+$/, 'expected base64url');

/** What PushSubscription.toJSON() gives (expirationTime and other fields are ignored). */
export const PushSubscriptionSchema = z.object({
  endpoint: z.string().min(1).max(1024),
  keys: z.object({
    /** The device's P-256 public key, 65 bytes uncompressed (87 characters). */
    p256dh: base64url(86, 88),
    /** The 16-byte auth secret (22 characters); also what proves a request comes from the holder. */
    auth: base64url(22, 24),
  }),
});
export type PushSubscriptionInput = z.infer<typeof PushSubscriptionSchema>;

/** A device's rules, each id once. */
const DeviceRulesSchema = AlertRulesSchema.refine((rules) => new Set(rules.map((rule) => rule.id)).size === rules.length, 'rule ids must be unique');

/** A buy-limit window's end the server pushes when it comes (shared/domain/limit-resets.ts). */
export const LimitResetSchema = z.object({
  itemId: z.number().int().positive().max(MAX_ITEM_ID),
  /** Unix seconds. */
  at: z.number().int().positive().max(2 ** 40),
}).strict();

/** The device's resets still to come, each item and time once; absent on older devices: none. */
export const LimitResetsSchema = z
  .array(LimitResetSchema)
  .max(MAX_LIMIT_RESETS)
  .refine((resets) => new Set(resets.map((reset) => `${reset.itemId}:${reset.at}`)).size === resets.length, 'each reset (itemId and at) once')
  .default([]);

/** POST /api/v1/push/subscriptions: register, or refresh (the same endpoint again). */
export const RegisterPushBodySchema = z.object({ subscription: PushSubscriptionSchema, rules: DeviceRulesSchema, limitResets: LimitResetsSchema });
/** PUT /api/v1/push/subscriptions/:id: the rules and the resets, replaced whole. */
export const ReplaceRulesBodySchema = z.object({ rules: DeviceRulesSchema, limitResets: LimitResetsSchema });

/** The push a reset sends: told apart from a fired alert by its `type`. */
export const LimitResetPushSchema = z.object({ type: z.literal('limit-reset'), itemId: z.number().int(), at: z.number().int() });
export type LimitResetPush = z.infer<typeof LimitResetPushSchema>;

export const PushSubscriptionAnswerSchema = z.object({
  /** Names the subscription in PUT and DELETE; the same for the same endpoint. */
  id: z.string(),
  rules: z.number().int(),
  /** How many of the resets sent are still to come (those already past are not kept). */
  limitResets: z.number().int().optional(),
  /** True when this endpoint was not registered before. */
  created: z.boolean(),
});
export type PushSubscriptionAnswer = z.infer<typeof PushSubscriptionAnswerSchema>;

export const PushKeyAnswerSchema = z.object({
  /** The VAPID public key (base64url), PushManager.subscribe's applicationServerKey. */
  publicKey: z.string(),
});

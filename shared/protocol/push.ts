// The push routes' bodies and answers (/api/v1/push/*), one definition for the device and the server.
import { z } from 'zod';
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

/** POST /api/v1/push/subscriptions: register, or refresh (the same endpoint again). */
export const RegisterPushBodySchema = z.object({ subscription: PushSubscriptionSchema, rules: DeviceRulesSchema });
/** PUT /api/v1/push/subscriptions/:id: the rules, replaced whole. */
export const ReplaceRulesBodySchema = z.object({ rules: DeviceRulesSchema });

export const PushSubscriptionAnswerSchema = z.object({
  /** Names the subscription in PUT and DELETE; the same for the same endpoint. */
  id: z.string(),
  rules: z.number().int(),
  /** True when this endpoint was not registered before. */
  created: z.boolean(),
});
export type PushSubscriptionAnswer = z.infer<typeof PushSubscriptionAnswerSchema>;

export const PushKeyAnswerSchema = z.object({
  /** The VAPID public key (base64url), PushManager.subscribe's applicationServerKey. */
  publicKey: z.string(),
});

// Web Push between the device and the server: the VAPID public key the device subscribes with, and
// the subscription it registers together with its alert rules.
import { z } from 'zod';
import { AlertRulesSchema } from './alerts';

/** GET /api/v1/push/key. */
export const PushKeyResponseSchema = z.object({ publicKey: z.string().min(1) });
export type PushKeyResponse = z.infer<typeof PushKeyResponseSchema>;

/** What PushSubscription.toJSON() gives, as far as the server needs it. */
export const PushSubscriptionJsonSchema = z.object({
  endpoint: z.string().url().max(2048),
  keys: z.object({ p256dh: z.string().min(1).max(200), auth: z.string().min(1).max(100) }),
});
export type PushSubscriptionJson = z.infer<typeof PushSubscriptionJsonSchema>;

/** POST / PUT /api/v1/push/subscriptions (DELETE takes the subscription alone). */
export const PushSubscriptionBodySchema = z.object({ subscription: PushSubscriptionJsonSchema, rules: AlertRulesSchema });
export type PushSubscriptionBody = z.infer<typeof PushSubscriptionBodySchema>;

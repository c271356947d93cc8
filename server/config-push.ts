// Web Push: the VAPID identity and how the server sends. Push is off (health says so) until
// VAPID_SUBJECT names who runs the server; the key pair is generated once and kept in the store
// when the config names none.
import { ConfigError, duration, int, str, type Env } from './config-values';
import { DEFAULT_PUSH_ENDPOINT_HOSTS, parseEndpointHosts } from './push/endpoint-hosts';

export interface PushConfig {
  /** `mailto:` or `https:`; null turns push off. */
  subject: string | null;
  /** From VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (base64url); null: the pair kept in the store. */
  vapidKeys: { publicKey: string; privateKey: string } | null;
  endpointHosts: string[];
  /** How long a push service keeps an undelivered alert. */
  ttlSeconds: number;
  /** A push request that has not been answered by then fails (and is retried). */
  timeoutMs: number;
  /** Push requests in flight at once. */
  concurrency: number;
  /** Retries of a failed push (429 and 5xx, timeouts), with the shared backoff. */
  retries: number;
  /** Alerts waiting to be sent; beyond it the oldest are dropped (and counted as failed). */
  queueMax: number;
  maxSubscriptionsPerIp: number;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function subject(env: Env): string | null {
  const raw = str(env, 'VAPID_SUBJECT', '');
  if (raw === '') return null;
  let valid = false;
  try {
    const parsed = new URL(raw);
    valid = (parsed.protocol === 'mailto:' && /^[^@\s]+@[^@\s]+$/.test(parsed.pathname)) || (parsed.protocol === 'https:' && parsed.hostname !== '');
  } catch {
    valid = false;
  }
  if (!valid) throw new ConfigError('VAPID_SUBJECT', `expected a mailto: address or an https: URL of whoever runs the server, got "${raw}"`);
  return raw;
}

function vapidKeys(env: Env): PushConfig['vapidKeys'] {
  const publicKey = str(env, 'VAPID_PUBLIC_KEY', '');
  const privateKey = str(env, 'VAPID_PRIVATE_KEY', '');
  if (publicKey === '' && privateKey === '') return null;
  if (publicKey === '' || privateKey === '') throw new ConfigError(publicKey === '' ? 'VAPID_PUBLIC_KEY' : 'VAPID_PRIVATE_KEY', 'set both VAPID keys or neither');
  // A P-256 public key is 65 bytes (87 base64url characters), its private key 32 (43).
  if (!BASE64URL.test(publicKey) || publicKey.length !== 87) throw new ConfigError('VAPID_PUBLIC_KEY', 'expected 65 bytes in base64url (87 characters), as web-push generate-vapid-keys prints');
  if (!BASE64URL.test(privateKey) || privateKey.length !== 43) throw new ConfigError('VAPID_PRIVATE_KEY', 'expected 32 bytes in base64url (43 characters), as web-push generate-vapid-keys prints');
  return { publicKey, privateKey };
}

export function pushConfig(env: Env): PushConfig {
  const hostsText = str(env, 'PUSH_ENDPOINT_HOSTS', DEFAULT_PUSH_ENDPOINT_HOSTS.join(','));
  const endpointHosts = parseEndpointHosts(hostsText);
  if (endpointHosts === null) throw new ConfigError('PUSH_ENDPOINT_HOSTS', `expected a comma list of host names, *.suffixes or IP addresses, got "${hostsText}"`);
  return {
    subject: subject(env),
    vapidKeys: vapidKeys(env),
    endpointHosts,
    ttlSeconds: Math.round(duration(env, 'PUSH_TTL', '10m', 0) / 1000),
    timeoutMs: duration(env, 'PUSH_TIMEOUT', '10s', 100),
    concurrency: int(env, 'PUSH_CONCURRENCY', 16, 1, 1000),
    retries: int(env, 'PUSH_RETRIES', 3, 0, 10),
    queueMax: int(env, 'PUSH_QUEUE_MAX', 10_000, 1, 1_000_000),
    maxSubscriptionsPerIp: int(env, 'PUSH_MAX_SUBSCRIPTIONS_PER_IP', 10, 1, 1_000_000),
  };
}

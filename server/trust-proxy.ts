// What TRUST_PROXY says about the hops in front of the server, read from its text (the config
// reads the environment; server/http/client-address.ts applies the answer to each request).
import { isIP } from 'node:net';

/**
 * `hops`: this many proxies stand in front (0: none; X-Forwarded-For is ignored). `proxies`: the
 * addresses (or CIDR ranges) of the proxies; any hop from one of them is skipped.
 */
export type TrustProxy = { hops: number } | { proxies: readonly string[] };

const PROXY_ADDRESS_RE = /^([^/]+)(?:\/(\d{1,3}))?$/;

/** `false`, `true` (one proxy), a count up to 100, or a comma list of addresses and ranges; null for anything else. */
export function parseTrustProxy(raw: string): TrustProxy | null {
  const word = raw.toLowerCase();
  if (['false', 'no', 'off'].includes(word)) return { hops: 0 };
  if (['true', 'yes', 'on'].includes(word)) return { hops: 1 };
  if (/^\d+$/.test(raw) && Number(raw) <= 100) return { hops: Number(raw) };
  const proxies = raw.split(',').map((part) => part.trim());
  const valid = proxies.every((part) => {
    const match = PROXY_ADDRESS_RE.exec(part);
    const family = match?.[1] === undefined ? 0 : isIP(match[1]);
    return family !== 0 && (match?.[2] === undefined || Number(match[2]) <= (family === 4 ? 32 : 128));
  });
  return valid ? { proxies } : null;
}

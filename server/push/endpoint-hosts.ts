// Which push services the server will send to. A subscription names its endpoint, and the server
// then makes HTTPS requests to it: unchecked, that is a way to make the server call any address.
// Only `https:` endpoints whose host is listed are taken. An entry is a host name (exact), a
// `*.`-prefixed suffix (any name below it, never the bare suffix itself), or an IP address
// (exact); any port. Nothing else (user info, another scheme) passes.
import { isIP } from 'node:net';

export const DEFAULT_PUSH_ENDPOINT_HOSTS = [
  'fcm.googleapis.com', // Chrome, Edge on Android, Opera, Samsung Internet
  'updates.push.services.mozilla.com', // Firefox
  'web.push.apple.com', // Safari, iOS and iPadOS Home Screen apps
  '*.notify.windows.com', // Edge on Windows (wns2-*.notify.windows.com)
] as const;

export type EndpointHosts = readonly string[];

const HOST_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** The list from its comma-separated text, lower-cased; null when an entry is neither a host name nor an address. */
export function parseEndpointHosts(text: string): string[] | null {
  const entries = text.split(',').map((entry) => entry.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1')).filter((entry) => entry !== '');
  if (entries.length === 0) return null;
  return entries.every((entry) => isIP(entry) !== 0 || HOST_NAME.test(entry)) ? entries : null;
}

function hostMatches(host: string, entry: string): boolean {
  if (entry.startsWith('*.')) return host.endsWith(entry.slice(1)) && host.length > entry.length - 1;
  return host === entry;
}

/** Why `endpoint` is refused, or null when the server may send to it. */
export function refuseEndpoint(endpoint: string, hosts: EndpointHosts): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'the endpoint is not a URL';
  }
  if (url.protocol !== 'https:') return 'the endpoint must be an https: URL';
  if (url.username !== '' || url.password !== '') return 'the endpoint must not carry user info';
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (!hosts.some((entry) => hostMatches(host, entry))) return `push service ${host} is not one this server sends to (PUSH_ENDPOINT_HOSTS)`;
  return null;
}

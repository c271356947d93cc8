// Generated requests over every route, replayable from a seed: methods, paths (real, traversing,
// encoded, junk), query values (numbers in every spelling, huge, negative, unicode, repeated
// keys), cursors, ids and headers, and for the push routes, bodies (valid-looking, broken, junk,
// too large). What a careless or hostile client sends. A raw client that never normalises the path and leaves a stream as soon as it answers.
import { request } from 'node:http';
import type { Random } from './seeded-random';

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FuzzAnswer {
  status: number;
  contentType: string;
}

const METHODS = ['GET', 'GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
const TIMESTEPS = ['5m', '1h', '6h', '24h', '1m', '', '5M', '24h ', 'null'];
const SORTS = ['name', 'margin', 'profit', 'roi', 'volume', 'high', 'low', 'limit', '', 'drop table', '__proto__'];
const NUMBERS = ['0', '1', '10', '500', '501', '-1', '1e2', '0x10', ' 10', '10 ', '2.5', 'NaN', 'Infinity', '99999999999999999999', '', '%00', '1,000', '٣'];
const IDS = ['4151', '561', '13190', '9004', '0', '-1', '99999', '4151.0', '4151abc', '99999999999999999999', '%2e%2e', 'null', '', '1e3'];
const WORDS = ['whip', 'Abyssal whip', 'nat', 'ü', '日本', '%', '%25', '"', "'", '<script>', '\\', '*', '(', 'a'.repeat(300)];
const CURSORS = ['', '0', '1', 'abc.1', 'abc.-1', '.', '..', 'x'.repeat(200), '12345678.99999999999999999999', '%ff.1'];

const PUSH_IDS = ['AAAAAAAAAAAAAAAAAAAAAA', 'x', '%00', 'a'.repeat(23), '..%2fkey', '__proto__'];
const ENDPOINTS = [
  'https://fcm.googleapis.com/fcm/send/fuzz', 'https://updates.push.services.mozilla.com/wpush/v2/x', 'https://127.0.0.1:9/push',
  'http://fcm.googleapis.com/fcm/send/x', 'https://user@fcm.googleapis.com/x', 'javascript:alert(1)', '', 'https://evil.example/x', 'x'.repeat(2000),
];
const P256DH = ['B'.repeat(87), 'B'.repeat(10), '', '+/='.repeat(29)];
const AUTHS = ['A'.repeat(22), '', '!'.repeat(22), 'A'.repeat(200)];
const RULE_VALUES: Record<string, readonly unknown[]> = {
  id: ['r1', 'r2', '', 'a'.repeat(41), '../x', 7],
  itemId: [4151, 561, 0, -1, 1e12, '4151', null, 2.5],
  measure: ['buy', 'sell', 'margin', 'profit', 'roi', 'volume', 'price', ''],
  op: ['above', 'below', 'equals'],
  target: [1_600_000, 5, -1, 1e13, 'x', null, 0.5],
  kind: ['threshold', 'move', 'dump', 'nope'],
  mode: ['instant', 'confirmed', 'eventually'],
  window: ['1h', '24h', '7d'],
  expiresAt: [null, 1, -5, 4_000_000_000, 'soon'],
  cooldownSeconds: [0, 1800, -1, 10_000_000],
  extra: ['field'],
};

const pick = <T>(r: Random, values: readonly T[]): T => values[r.int(0, values.length - 1)] as T;
const enc = (r: Random, value: string): string => (r.chance(0.8) ? encodeURIComponent(value) : value.replace(/[\s#?&]/g, ''));

function query(r: Random, keys: readonly string[]): string {
  const parts: string[] = [];
  const count = r.int(0, 4);
  for (let i = 0; i < count; i += 1) {
    const key = r.chance(0.9) ? pick(r, keys) : pick(r, ['', '__proto__', 'constructor', 'a[b]', '%zz']);
    const pool = key === 'q' ? WORDS : key === 'sort' ? SORTS : key === 'timestep' ? TIMESTEPS : key === 'items' ? IDS : key === 'since' ? [...CURSORS, ...NUMBERS] : NUMBERS;
    parts.push(r.chance(0.05) ? key : `${key}=${enc(r, pick(r, pool))}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function path(r: Random): string {
  const id = enc(r, pick(r, IDS));
  switch (r.int(0, 13)) {
    case 0: return `/api/v1/health${query(r, ['verbose'])}`;
    case 1:
    case 2: return `/api/v1/items${query(r, ['q', 'sort', 'order', 'limit', 'offset', 'members', 'min', 'max'])}`;
    case 3: return `/api/v1/items/${id}`;
    case 4: return `/api/v1/items/${id}/history${query(r, ['timestep', 'since'])}`;
    case 5: return `/api/v1/prices/latest${query(r, ['since'])}`;
    case 6: return `/api/v1/prices/stream${query(r, ['items', 'since'])}`;
    case 7: return pick(r, ['/metrics', '/', '/watchlist', `/items/${id}/abyssal-whip`, '/index.html', '/sw.js', '/manifest.webmanifest']);
    case 8: return pick(r, ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/api/v1/../../package.json', '/..%2f..%2fpackage.json', '//etc/passwd', '/api/v1/items/%00', '/%c0%ae%c0%ae/']);
    case 9: return `/api/v1/${pick(r, ['', 'nope', 'items/', 'prices', 'prices/', 'items/4151/history/extra', 'health/'])}`;
    case 10: return `/${'a/'.repeat(r.int(1, 50))}${pick(r, WORDS.map((w) => encodeURIComponent(w)))}`;
    case 12:
    case 13: return pick(r, ['/api/v1/push/key', '/api/v1/push/subscriptions', '/api/v1/push/subscriptions', `/api/v1/push/subscriptions/${enc(r, pick(r, PUSH_IDS))}`, '/api/v1/push/', '/api/v1/push/subscriptions/']);
    default: return `/api/v1/items/${id}/history?timestep=${enc(r, pick(r, TIMESTEPS))}&since=${enc(r, pick(r, NUMBERS))}`;
  }
}

function rule(r: Random): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(RULE_VALUES)) if (key === 'extra' ? r.chance(0.05) : r.chance(0.9)) out[key] = pick(r, values);
  return out;
}

/** A body for POST and PUT on the push routes: mostly shaped like the real one, sometimes not JSON at all. */
function body(r: Random): string | undefined {
  if (!r.chance(0.7)) return undefined;
  const junk = ['', '{', 'null', '[]', '"x"', '{"rules":', 'x'.repeat(40_000), '{"__proto__":{"admin":true}}'];
  if (r.chance(0.2)) return pick(r, junk);
  const rules = Array.from({ length: r.chance(0.05) ? 60 : r.int(0, 3) }, () => rule(r));
  const subscription = { endpoint: pick(r, ENDPOINTS), keys: { p256dh: pick(r, P256DH), auth: pick(r, AUTHS) } };
  return JSON.stringify(r.chance(0.5) ? { subscription, rules } : { rules });
}

function headers(r: Random): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.chance(0.2)) out['last-event-id'] = pick(r, CURSORS).replace(/[^\x20-\x7e]/g, '');
  if (r.chance(0.2)) out['accept-encoding'] = pick(r, ['gzip', 'br', 'identity', '*', 'gzip;q=0']);
  if (r.chance(0.1)) out['x-forwarded-for'] = pick(r, ['1.2.3.4', 'not an ip', '1.2.3.4, 5.6.7.8', '::1', '']);
  if (r.chance(0.1)) out['if-none-match'] = pick(r, ['"x"', '*', 'W/"1"', '']);
  if (r.chance(0.1)) out['content-type'] = pick(r, ['application/json', 'text/plain', 'multipart/form-data; boundary=x']);
  if (r.chance(0.1)) out.accept = pick(r, ['text/event-stream', 'application/json', 'text/html', '*/*', '']);
  if (r.chance(0.1)) out.authorization = pick(r, ['Bearer AAAAAAAAAAAAAAAAAAAAAA', 'Bearer ', 'Basic eDp5', 'Bearer ' + 'A'.repeat(100)]);
  return out;
}

export function fuzzRequest(r: Random): FuzzRequest {
  const method = pick(r, METHODS);
  const at = path(r);
  const out: FuzzRequest = { method, path: at, headers: headers(r) };
  if ((method === 'POST' || method === 'PUT') && at.startsWith('/api/v1/push/')) {
    const sent = body(r);
    if (sent !== undefined) {
      out.body = sent;
      out.headers['content-type'] = r.chance(0.9) ? 'application/json' : 'text/plain';
      out.headers['content-length'] = String(Buffer.byteLength(sent));
    }
  }
  return out;
}

/** Sends one request; a stream is left as soon as its headers arrive (its body never ends). */
export function sendFuzz(port: number, req: FuzzRequest): Promise<FuzzAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, path: req.path, method: req.method, headers: req.headers }, (res) => {
      const answer = { status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? '') };
      if (answer.contentType.startsWith('text/event-stream')) {
        res.destroy();
        resolve(answer);
        return;
      }
      res.resume();
      res.on('end', () => resolve(answer));
      res.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

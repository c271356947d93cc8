// 10,000 generated requests over every route, replayable from one seed, against a real server with
// the stream on: none may be answered 5xx or go unanswered, the server still serves afterwards,
// and the catalogue it serves is exactly what it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCatalogue } from '../helpers/catalogue-fixture';
import { fuzzRequest, sendFuzz, type FuzzAnswer, type FuzzRequest } from '../helpers/request-fuzz';
import { createRandom } from '../helpers/seeded-random';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';
import { DEFAULT_PUSH_ENDPOINT_HOSTS, refuseEndpoint } from '../../server/push/endpoint-hosts';
import { AlertRulesSchema } from '../../shared/protocol/alerts';

const SEED = 20_260_501;
const REQUESTS = 10_000;
const CONCURRENCY = 16;
const DEADLINE_MS = 5000;
/** One clock for the whole run, so item ages (and so the catalogue's answer) cannot drift. */
const NOW = Date.UTC(2026, 4, 1, 12);

let s: StreamServer;
let port: number;
beforeAll(async () => {
  s = await startStreamServer({ SSE_MAX_CLIENTS: '0', SSE_MAX_CLIENTS_PER_IP: '0', VAPID_SUBJECT: 'mailto:ops@ge-tracker.example' }, { now: () => NOW });
  await seedCatalogue(s.store.db, Math.floor(NOW / 1000));
  port = Number(new URL(s.url).port);
});
afterAll(() => s.close());

function withDeadline(req: FuzzRequest): Promise<FuzzAnswer | 'no answer'> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'no answer'>((resolve) => {
    timer = setTimeout(() => resolve('no answer'), DEADLINE_MS);
  });
  // Node's client refuses a path with raw non-ASCII characters: send them as the UTF-8 a browser would.
  const sent = { ...req, path: req.path.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c)) };
  const answered = sendFuzz(port, sent).catch((error: unknown) => ({ status: 0, contentType: String(error) }));
  return Promise.race([answered, expired]).finally(() => clearTimeout(timer));
}

async function catalogue(): Promise<string> {
  const res = await fetch(`${s.url}/api/v1/items?limit=500`);
  expect(res.status).toBe(200);
  return res.text();
}

describe('fuzzed requests', () => {
  it(`answers ${REQUESTS} generated requests (seed ${SEED}) without a 5xx, stays up and keeps its catalogue`, async () => {
    const before = await catalogue();
    const random = createRandom(SEED);
    const requests = Array.from({ length: REQUESTS }, () => fuzzRequest(random));
    const failures: string[] = [];
    let nextIndex = 0;
    const worker = async (): Promise<void> => {
      for (let i = nextIndex++; i < requests.length; i = nextIndex++) {
        const req = requests[i] as FuzzRequest;
        const answer = await withDeadline(req);
        if (answer === 'no answer') failures.push(`#${i} ${req.method} ${req.path}: no answer in ${DEADLINE_MS} ms`);
        else if (answer.status === 0 || answer.status >= 500) failures.push(`#${i} ${req.method} ${req.path}: ${answer.status} ${answer.contentType}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(failures.slice(0, 20)).toEqual([]);
    const health = await fetch(`${s.url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(await catalogue()).toBe(before);
    // Whatever the push routes took is a subscription the server may send to.
    const stored = await s.store.db.selectFrom('push_subscriptions').select(['endpoint', 'rules']).execute();
    for (const row of stored) expect(refuseEndpoint(row.endpoint, DEFAULT_PUSH_ENDPOINT_HOSTS)).toBeNull();
    for (const row of stored) expect(AlertRulesSchema.safeParse(JSON.parse(row.rules)).success).toBe(true);
  }, 60_000);
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeUpstream } from '../../tests/helpers/fake-upstream';
import { captureLogger, type CapturedLog } from '../../tests/helpers/capture-logger';
import { waitFor } from '../../tests/helpers/wait-for';
import { createMetrics } from '../metrics';
import { createWikiClient, type WikiClientOptions } from './wiki-client';
import { UpstreamError } from './upstream-error';

const latest = { data: { '4151': { high: 1716616, highTime: 1748242859, low: 1700000, lowTime: 1748242891 } } };

let fake: FakeUpstream;
let log: CapturedLog;
const metrics = createMetrics({ defaults: false });

function client(overrides: Partial<WikiClientOptions> = {}) {
  return createWikiClient({
    baseUrl: fake.url,
    userAgent: 'ge-tracker-test/1 (tests@example.invalid)',
    timeoutMs: 2000,
    retries: 2,
    logger: log.logger,
    metrics,
    backoff: { baseMs: 1, maxMs: 5 },
    ...overrides,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof UpstreamError)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  return error;
}

beforeEach(async () => {
  fake = await startFakeUpstream();
  fake.setLatest(latest);
  log = captureLogger();
});
afterEach(() => fake.close());

describe('wiki client', () => {
  it('identifies itself with the configured User-Agent and returns the parsed prices', async () => {
    const result = await client().latest();
    expect(result.data['4151']?.high).toBe(1716616);
    expect(fake.requests[0]?.userAgent).toBe('ge-tracker-test/1 (tests@example.invalid)');
  });

  it('asks for a past window and a timeseries with the query parameters the wiki expects', async () => {
    fake.setTimeseries(4151, '6h', { itemId: 4151, data: [] });
    await client().window('1h', 1748239200);
    await client().timeseries(4151, '6h');
    expect(fake.requests.map((r) => [r.endpoint, Object.fromEntries(r.query)])).toEqual([
      ['1h', { timestamp: '1748239200' }],
      ['timeseries', { id: '4151', timestep: '6h' }],
    ]);
  });

  it('retries a server error and returns the next good answer', async () => {
    fake.fail('latest', { kind: 'status', status: 500 }, 2);
    const result = await client().latest();
    expect(result.data['4151']?.low).toBe(1700000);
    expect(fake.countRequests('latest')).toBe(3);
  });

  it('gives up after the configured number of retries', async () => {
    fake.fail('latest', { kind: 'status', status: 502 }, Infinity);
    const error = await failureOf(client({ retries: 1 }).latest());
    expect(error.status).toBe(502);
    expect(fake.countRequests('latest')).toBe(2);
  });

  it('waits as long as Retry-After says rather than its own, much longer, backoff', async () => {
    fake.fail('latest', { kind: 'status', status: 429, retryAfter: '0' }, 1);
    // A backoff of ten minutes would outlast the test's timeout; Retry-After: 0 must win.
    const result = await client({ backoff: { baseMs: 600_000, maxMs: 600_000 } }).latest();
    expect(result.data['4151']).toBeDefined();
    expect(fake.countRequests('latest')).toBe(2);
  });

  it('fails at once, without hammering, when Retry-After asks for longer than it is willing to wait', async () => {
    fake.fail('latest', { kind: 'status', status: 503, retryAfter: '3600' }, Infinity);
    const error = await failureOf(client({ maxRetryAfterMs: 60_000 }).latest());
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(fake.countRequests('latest')).toBe(1);
  });

  it('reports a timeout when the upstream never answers', async () => {
    fake.fail('latest', { kind: 'timeout' }, Infinity);
    const error = await failureOf(client({ timeoutMs: 50, retries: 1 }).latest());
    expect(error.failure).toBe('timeout');
    expect(fake.countRequests('latest')).toBe(2);
  });

  it('rejects a body that breaks the schema as a whole, without retrying, and logs why', async () => {
    fake.fail('latest', { kind: 'malformed' }, 1);
    const error = await failureOf(client().latest());
    expect(error.failure).toBe('invalid');
    expect(error.cause).toBeDefined();
    expect(fake.countRequests('latest')).toBe(1);
    const line = log.entries().find((e) => e.msg === 'upstream call failed');
    expect(line).toMatchObject({ endpoint: 'latest', failure: 'invalid' });
    expect(Array.isArray(line?.issues)).toBe(true);
  });

  it('rejects a body that is not JSON at all', async () => {
    fake.fail('mapping', { kind: 'malformed', body: '<html>Bad gateway</html>' }, 1);
    expect((await failureOf(client().mapping())).failure).toBe('invalid');
  });

  it('treats a body cut off mid-way as a network failure and retries it', async () => {
    fake.fail('latest', { kind: 'truncated' }, 1);
    const result = await client().latest();
    expect(result.data['4151']?.high).toBe(1716616);
    expect(fake.countRequests('latest')).toBe(2);
  });

  it('rejects a timeseries for another item than the one asked for', async () => {
    fake.setTimeseries(2, '5m', { itemId: 4151, data: [] });
    expect((await failureOf(client().timeseries(2, '5m'))).failure).toBe('invalid');
  });

  it('stops waiting for a retry when its signal aborts', async () => {
    fake.fail('latest', { kind: 'status', status: 500 }, Infinity);
    const controller = new AbortController();
    const pending = client({ backoff: { baseMs: 600_000, maxMs: 600_000 } }).latest({ signal: controller.signal });
    await waitFor('the first request', () => fake.countRequests('latest') > 0);
    controller.abort();
    expect((await failureOf(pending)).failure).toBe('aborted');
  });

  it('counts requests by endpoint and status, and failures by endpoint', async () => {
    const own = createMetrics({ defaults: false });
    fake.fail('latest', { kind: 'status', status: 500 }, 1);
    await client({ metrics: own }).latest();
    const text = await own.registry.metrics();
    expect(text).toContain('ge_upstream_requests_total{endpoint="latest",status="500"} 1');
    expect(text).toContain('ge_upstream_requests_total{endpoint="latest",status="200"} 1');
    expect(text).toContain('ge_upstream_errors_total{endpoint="latest"} 1');
  });
});

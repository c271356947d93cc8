// The one error path: what a refusal, a Koa client error and an unforeseen failure look like to a
// client, and that only the last is logged, once.
import { afterEach, describe, expect, it } from 'vitest';
import type { Context } from 'koa';
import { HttpError } from '../../server/http-error';
import type { StreamService } from '../../server/stream/stream-service';
import { captureLogger, type CapturedLog } from '../helpers/capture-logger';
import { startTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp | undefined;
let log: CapturedLog;
afterEach(() => t?.close());

/** A stream whose every request fails the way `fail` does. */
async function failingWith(fail: (ctx: Context) => never): Promise<TestApp> {
  log = captureLogger();
  const stream: StreamService = { start: async () => {}, handle: async (ctx) => fail(ctx), clientCount: () => 0, close: async () => {} };
  t = await startTestApp({ logger: log.logger, deps: { stream } });
  return t;
}

const logged = (): string[] => log.entries().filter((e) => e.level as number >= 40).map((e) => String(e.msg));

describe('errors', () => {
  it('answers a refusal with its status, code, message and Retry-After, and logs nothing', async () => {
    const app = await failingWith(() => {
      throw new HttpError(503, 'too_many_clients', 'full; retry in 4 s', { retryAfterSeconds: 4 });
    });
    const res = await app.request('/api/v1/prices/stream');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('4');
    expect(res.text).toBe('{"error":{"code":"too_many_clients","message":"full; retry in 4 s"}}');
    expect(logged()).toEqual([]);
  });

  it('shows a Koa client error as bad_request with its short message', async () => {
    const app = await failingWith((ctx) => ctx.throw(413, 'too large'));
    const res = await app.request('/api/v1/prices/stream');
    expect(res.status).toBe(413);
    expect(res.text).toBe('{"error":{"code":"bad_request","message":"too large"}}');
    expect(logged()).toEqual([]);
  });

  it.each([
    ['an unforeseen failure', () => { throw new Error('secret detail at /srv/app.ts:12'); }],
    ['a Koa server error', (ctx: Context) => ctx.throw(502, 'secret detail')],
    ['an error not meant to be shown', () => { throw new HttpError(503, 'shutting_down', 'secret detail', { expose: false }); }],
  ] as const)('answers %s as a 500 internal without its message, and logs it once', async (_name, fail) => {
    const app = await failingWith(fail);
    const res = await app.request('/api/v1/prices/stream');
    expect(res.status).toBe(500);
    expect(res.text).toBe('{"error":{"code":"internal","message":"internal error"}}');
    expect(logged()).toEqual(['request failed']);
    expect(log.entries().find((e) => e.msg === 'request failed')).toMatchObject({ method: 'GET', path: '/api/v1/prices/stream' });
  });
});

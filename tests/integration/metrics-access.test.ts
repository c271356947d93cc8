// /metrics is not public: without METRICS_TOKEN or METRICS_PORT the public port answers 404;
// METRICS_TOKEN asks for its bearer token; METRICS_PORT serves it on a listener of its own.
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../shared/protocol/api';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';

let s: StreamServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('metrics access', () => {
  it('does not show metrics on the public port by default', async () => {
    s = await startStreamServer();
    const res = await get(`${s.url}/metrics`);
    expect(res.status).toBe(404);
    expect(res.text).not.toMatch(/ge_sse_clients|nodejs_version/);
    expect(ErrorBodySchema.parse(JSON.parse(res.text)).error.code).toBe('not_found');
  });

  it('answers 401 without the METRICS_TOKEN bearer token and the metrics with it', async () => {
    s = await startStreamServer({ METRICS_TOKEN: 's3cret-token' });
    for (const authorization of [undefined, 'Bearer wrong', 'Bearer s3cret-token-x', 'Basic s3cret-token', 's3cret-token']) {
      const res = await get(`${s.url}/metrics`, authorization === undefined ? {} : { Authorization: authorization });
      expect(res.status, authorization).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(ErrorBodySchema.parse(JSON.parse(res.text)).error.code).toBe('unauthorized');
    }
    const ok = await get(`${s.url}/metrics`, { Authorization: 'Bearer s3cret-token' });
    expect(ok.status).toBe(200);
    expect(ok.text).toMatch(/^ge_sse_clients 0$/m);
  });

  it('serves metrics on METRICS_PORT and not on the public port', async () => {
    s = await startStreamServer({ METRICS_PORT: '0' });
    expect((await get(`${s.url}/metrics`)).status).toBe(404);
    const res = await get(`${s.metricsUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/^ge_sse_clients 0$/m);
    expect((await get(`${s.metricsUrl}/api/v1/items`)).status).toBe(404);
  });
});

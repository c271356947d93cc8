// The per-IP stream limit counts the address TRUST_PROXY's own proxies saw, never the left end of
// X-Forwarded-For that a client writes: forged headers from one address share one allowance.
import { afterEach, describe, expect, it } from 'vitest';
import { openRawStream, type RawStream } from '../helpers/sse-reader';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';

let server: StreamServer | undefined;
const open: RawStream[] = [];

afterEach(async () => {
  for (const stream of open.splice(0)) stream.close();
  await server?.close();
  server = undefined;
});

/** Opens `count` streams, each with the X-Forwarded-For `header(i)`, and counts those admitted. */
async function admitted(env: Record<string, string>, count: number, header: (i: number) => string): Promise<number> {
  server = await startStreamServer(env);
  let ok = 0;
  for (let i = 0; i < count; i += 1) {
    const stream = await openRawStream(`${server.url}/api/v1/prices/stream`, { 'X-Forwarded-For': header(i) });
    open.push(stream);
    if (stream.status === 200) ok += 1;
  }
  return ok;
}

/** What one proxy in front of the server sends: whatever the client wrote, then the client's address. */
const forgedThenReal = (i: number) => `198.51.100.${i}, 203.0.113.7`;

describe('the client address behind proxies', () => {
  it('admits only SSE_MAX_CLIENTS_PER_IP of 30 streams whose forged X-Forwarded-For differs, behind TRUST_PROXY=true', async () => {
    expect(await admitted({ TRUST_PROXY: 'true', SSE_MAX_CLIENTS_PER_IP: '10' }, 30, forgedThenReal)).toBe(10);
  });

  it('skips as many hops from the right as TRUST_PROXY counts proxies', async () => {
    const header = (i: number) => `198.51.100.${i}, 203.0.113.7, 10.0.0.${i}`;
    expect(await admitted({ TRUST_PROXY: '2', SSE_MAX_CLIENTS_PER_IP: '2' }, 5, header)).toBe(2);
  });

  it('skips every hop from a listed proxy address or range, and no other', async () => {
    const header = (i: number) => `198.51.100.${i}, 203.0.113.7, 10.1.2.${i}`;
    expect(await admitted({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8', SSE_MAX_CLIENTS_PER_IP: '2' }, 5, header)).toBe(2);
  });

  it('ignores X-Forwarded-For from a peer that is not a listed proxy', async () => {
    expect(await admitted({ TRUST_PROXY: '10.0.0.1', SSE_MAX_CLIENTS_PER_IP: '2' }, 5, (i) => `203.0.113.${i}`)).toBe(2);
  });

  it('ignores X-Forwarded-For entirely when TRUST_PROXY=false', async () => {
    expect(await admitted({ SSE_MAX_CLIENTS_PER_IP: '2' }, 5, (i) => `203.0.113.${i}`)).toBe(2);
  });

  it('tells each real client behind the proxy apart', async () => {
    expect(await admitted({ TRUST_PROXY: '1', SSE_MAX_CLIENTS_PER_IP: '1' }, 5, (i) => `203.0.113.${i}`)).toBe(5);
  });
});

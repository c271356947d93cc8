// Methods: HEAD on the stream answers its headers without taking a slot; a method a route does not
// take is a 405 naming the ones it does (OPTIONS answers with them); unknown paths stay 404.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../shared/protocol/api';
import { openRawStream } from '../helpers/sse-reader';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';
import { waitFor } from '../helpers/wait-for';

let s: StreamServer;
beforeAll(async () => {
  s = await startStreamServer({ SSE_MAX_CLIENTS: '1' });
});
afterAll(() => s.close());

function send(method: string, path: string): Promise<{ status: number; allow: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${s.url}${path}`, { method, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, allow: res.headers.allow, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('methods', () => {
  it('answers HEAD on the stream with its headers and no body, without taking a stream slot', async () => {
    for (let i = 0; i < 3; i += 1) {
      const head = await openRawStream(`${s.url}/api/v1/prices/stream`, {}, 'HEAD');
      expect(head.status).toBe(200);
      expect(head.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      await waitFor('the HEAD answer to end', () => head.ended());
      expect(s.stream?.clientCount()).toBe(0);
    }
    // SSE_MAX_CLIENTS=1: the slot is still free for a real stream.
    const stream = await openRawStream(`${s.url}/api/v1/prices/stream`);
    expect(stream.status).toBe(200);
    stream.close();
  });

  it.each([
    ['POST', '/api/v1/items'],
    ['PUT', '/api/v1/items/4151'],
    ['DELETE', '/api/v1/items/4151/history'],
    ['PATCH', '/api/v1/prices/latest'],
    ['POST', '/api/v1/prices/stream'],
    ['DELETE', '/api/v1/health'],
  ])('answers %s %s with 405 method_not_allowed and an Allow header', async (method, path) => {
    const res = await send(method, path);
    expect(res.status).toBe(405);
    expect(res.allow?.split(', ').sort()).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(ErrorBodySchema.parse(JSON.parse(res.text)).error.code).toBe('method_not_allowed');
  });

  it('answers OPTIONS on an API route with the methods it takes', async () => {
    const res = await send('OPTIONS', '/api/v1/items');
    expect(res.status).toBe(204);
    expect(res.allow?.split(', ').sort()).toEqual(['GET', 'HEAD', 'OPTIONS']);
  });

  it('still answers an unknown API path with 404 whatever the method', async () => {
    for (const method of ['GET', 'POST', 'OPTIONS']) {
      const res = await send(method, '/api/v1/nope');
      expect(res.status, method).toBe(404);
      expect(ErrorBodySchema.parse(JSON.parse(res.text)).error.code).toBe('not_found');
    }
  });
});

import Koa from 'koa';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from '../../tests/helpers/raw-http';
import { compressJson, encodeBody, type CompressionEffort } from './compression';
import { prepareJson, sendPreparedJson } from './cacheable-json';
import type { ContentCoding } from './accept-encoding';

const servers: Array<{ close(): void }> = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** An app answering one JSON body, its version bumped by `change()`; counts every compression. */
async function serve(options: { rarely?: boolean; etag?: boolean } = {}) {
  let version = 1;
  const calls: Array<{ coding: ContentCoding; effort: CompressionEffort }> = [];
  const app = new Koa();
  app.use(compressJson({
    encode: (text, coding, effort) => {
      calls.push({ coding, effort });
      return encodeBody(text, coding, effort);
    },
  }));
  app.use((ctx) => {
    const body = { version, rows: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item ${i}` })) };
    if (options.etag === false) ctx.body = body;
    else sendPreparedJson(ctx, prepareJson(body), { changesRarely: options.rarely });
  });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { calls, change: () => (version += 1), get: (accept: string) => rawRequest(url, { headers: { 'Accept-Encoding': accept } }) };
}

describe('compressJson', () => {
  it('compresses a body with an ETag once per coding and per change, however often it is asked for', async () => {
    const app = await serve();
    const answers = await Promise.all([app.get('br'), app.get('br'), app.get('br'), app.get('gzip'), app.get('gzip')]);
    expect(app.calls).toEqual([{ coding: 'br', effort: 'fast' }, { coding: 'gzip', effort: 'fast' }]);
    expect(new Set(answers.slice(0, 3).map((a) => a.wire.toString('base64'))).size).toBe(1);
    app.change();
    const changed = await app.get('br');
    expect(JSON.parse(changed.text())).toMatchObject({ version: 2 });
    expect(app.calls).toHaveLength(3);
  });

  it('compresses an answer that changes rarely at the best quality', async () => {
    const app = await serve({ rarely: true });
    await app.get('br');
    await app.get('br');
    expect(app.calls).toEqual([{ coding: 'br', effort: 'best' }]);
  });

  it('compresses a body without a validator on every request', async () => {
    const app = await serve({ etag: false });
    await app.get('gzip');
    await app.get('gzip');
    expect(app.calls).toHaveLength(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, ItemsResponseSchema } from '../../shared/protocol/api';
import { ID, seedCatalogue } from '../helpers/catalogue-fixture';
import { startTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ seed: (db) => seedCatalogue(db) });
});
afterAll(() => t.close());

async function expectError(path: string, status: number, code: string) {
  const res = await t.request(path);
  expect(res.status, `${path}: ${res.text}`).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.text).not.toMatch(/\bat .+\.ts:\d+/); // no stack trace
  const { error } = ErrorBodySchema.parse(res.json());
  expect(error.code).toBe(code);
  return error.message;
}

describe('bad input', () => {
  it.each([
    ['/api/v1/items?limit=0', 'limit'],
    ['/api/v1/items?limit=501', 'limit'],
    ['/api/v1/items?limit=-1', 'limit'],
    ['/api/v1/items?limit=ten', 'limit'],
    ['/api/v1/items?limit=2.5', 'limit'],
    ['/api/v1/items?limit=1&limit=2', 'limit'],
    ['/api/v1/items?limit=0x10', 'limit'],
    ['/api/v1/items?limit=1e2', 'limit'],
    ['/api/v1/items?limit=%2010', 'limit'],
    ['/api/v1/items?limit=10%20', 'limit'],
    ['/api/v1/items?limit=', 'limit'],
    ['/api/v1/items?offset=0x10', 'offset'],
    ['/api/v1/items?offset=1e2', 'offset'],
    ['/api/v1/items?offset=%2010', 'offset'],
    ['/api/v1/items?offset=-1', 'offset'],
    ['/api/v1/items?offset=99999999999', 'offset'],
    ['/api/v1/items?sort=popularity', 'sort'],
    ['/api/v1/items?sort=profit&order=up', 'order'],
    ['/api/v1/items?members=maybe', 'members'],
    [`/api/v1/items?q=${'a'.repeat(101)}`, 'q'],
    ['/api/v1/items/abc', 'id'],
    ['/api/v1/items/-1', 'id'],
    ['/api/v1/items/1.5', 'id'],
    ['/api/v1/items/1e3', 'id'],
    ['/api/v1/items/2147483648', 'id'],
    ['/api/v1/items/99999999999999999999', 'id'],
    ['/api/v1/items/%E0%A4%A', 'id'],
    [`/api/v1/items/${ID.whip}/history?timestep=1d`, 'timestep'],
    ['/api/v1/items/4294967296/history?timestep=1h', 'id'],
    [`/api/v1/items/${ID.whip}/history?timestep=1h&since=0x10`, 'since'],
    [`/api/v1/items/${ID.whip}/history?timestep=1h&since=%2010`, 'since'],
  ])('%s is a 400 invalid_parameter naming "%s"', async (path, parameter) => {
    const message = await expectError(path, 400, 'invalid_parameter');
    expect(message).toContain(`"${parameter}"`);
  });

  it('accepts the largest item id and answers it as unknown', async () => {
    await expectError('/api/v1/items/2147483647', 404, 'unknown_item');
  });

  it('accepts a search of exactly 100 characters', async () => {
    const res = await t.request(`/api/v1/items?q=${'a'.repeat(100)}`);
    expect(res.status).toBe(200);
  });

  it('answers a malformed URL anywhere under /api with a 4xx JSON error', async () => {
    for (const path of ['/api/v1/items/%E0%A4%A/history?timestep=1h', '/api/v1/%E0%A4%A']) {
      const res = await t.request(path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
      expect(ErrorBodySchema.safeParse(res.json()).success, path).toBe(true);
    }
  });

  it('searches for a malformed escape in a query value as the text it is', async () => {
    const res = await t.request('/api/v1/items?q=%E0%A4%A');
    expect(res.status).toBe(200);
    expect(ItemsResponseSchema.parse(res.json()).total).toBe(0);
  });
});

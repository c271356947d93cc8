// One rule for an id the catalogue lacks: the stream's items filter and the REST item routes
// answer it alike, 404 unknown_item naming the id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../shared/protocol/api';
import { addItems } from '../helpers/apply-changes';
import { readRefusal } from '../helpers/sse-reader';
import { startStreamServer, type StreamServer } from '../helpers/stream-server';

let s: StreamServer;
beforeAll(async () => {
  s = await startStreamServer();
  await addItems(s.store.db, [2, 4151]);
});
afterAll(() => s.close());

async function refusal(path: string): Promise<{ status: number; code: string; message: string }> {
  const res = await fetch(`${s.url}${path}`);
  const { error } = ErrorBodySchema.parse(await res.json());
  return { status: res.status, ...error };
}

describe('unknown items', () => {
  it('answers ?items=99999 on the stream as the item routes answer /items/99999: 404 unknown_item naming it', async () => {
    const stream = await readRefusal(`${s.url}/api/v1/prices/stream?items=99999`);
    const streamError = ErrorBodySchema.parse(stream.json).error;
    const rest = await refusal('/api/v1/items/99999');
    const history = await refusal('/api/v1/items/99999/history?timestep=1h');
    for (const answer of [{ status: stream.status, ...streamError }, rest, history]) {
      expect(answer.status).toBe(404);
      expect(answer.code).toBe('unknown_item');
      expect(answer.message).toContain('99999');
    }
  });

  it('names only the unknown ids of a filter that mixes known and unknown', async () => {
    const stream = await readRefusal(`${s.url}/api/v1/prices/stream?items=2,99999,4151,88888`);
    expect(stream.status).toBe(404);
    const { message } = ErrorBodySchema.parse(stream.json).error;
    expect(message).toContain('88888,99999');
    expect(message).not.toMatch(/\b(2|4151)\b/);
  });
});

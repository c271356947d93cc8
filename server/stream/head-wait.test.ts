import { describe, expect, it } from 'vitest';
import { waitFor } from '../../tests/helpers/wait-for';
import { createHeadWait } from './head-wait';

describe('holding a client ahead of the instance', () => {
  it('lets it through once the cursor reaches its seq, asking the store meanwhile', async () => {
    let cursor = { epoch: 'e', seq: 5 };
    let reloads = 0;
    const wait = createHeadWait(() => cursor, () => (reloads += 1), 10);
    const held = wait.until('e', 7, 5000);
    await waitFor('the store to be asked', () => reloads === 1);
    cursor = { epoch: 'e', seq: 7 };
    wait.moved();
    await expect(held).resolves.toBe(true);
  });

  it('gives up after its bound, and never holds a cursor already reached', async () => {
    const wait = createHeadWait(() => ({ epoch: 'e', seq: 5 }), () => undefined, 1000);
    await expect(wait.until('e', 5, 1000)).resolves.toBe(true);
    await expect(wait.until('e', 6, 20)).resolves.toBe(false);
    await expect(wait.until('other', 1, 20)).resolves.toBe(false);
  });
});

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/store/db';
import { readStreamState } from '../../server/store/stream-state';
import { ingestLatest } from '../../server/store/price-writes';
import { crashSnapshot } from '../helpers/crash-snapshot';
import { waitFor } from '../helpers/wait-for';

const ITEMS = 4162;
const CHILD = new URL('../helpers/ingest-until-killed.ts', import.meta.url).pathname;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ge-sync-crash-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a process killed in the middle of a sync', () => {
  it('leaves no partial write: every price and the seq are those of the last commit', async () => {
    const path = join(dir, 'store.sqlite');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, String(ITEMS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await waitFor('the child to hold its transaction open', () => output.includes('in-transaction') || undefined, 20_000);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(output).toContain(`committed ${ITEMS}`);

    const store = await openDatabase(`sqlite:${path}`);
    try {
      expect((await readStreamState(store.db)).seq).toBe(ITEMS);
      const rows = await store.db.selectFrom('latest_prices').select(['item_id', 'high', 'seq']).orderBy('item_id').execute();
      expect(rows).toHaveLength(ITEMS);
      const expected = crashSnapshot(ITEMS, 1);
      expect(rows.every((row, i) => row.high === expected[i]?.high && row.seq === i + 1)).toBe(true);

      // The store carries on from the last commit.
      const next = await ingestLatest(store.db, crashSnapshot(ITEMS, 2));
      expect(next.changes[0]?.seq).toBe(ITEMS + 1);
      expect(next.seq).toBe(2 * ITEMS);
    } finally {
      await store.close();
    }
  });
});

// Real responses of the wiki's API, saved by third parties (../shared/data/osrs-wiki), must parse
// with our schemas, and real snapshots must ingest with exactly the changes they contain.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  LatestResponseSchema, MappingResponseSchema, TimeseriesResponseSchema, VolumesResponseSchema, WindowResponseSchema,
} from '../../server/upstream/schemas';
import { startFakeUpstream } from '../helpers/fake-upstream';
import { startSyncHarness } from '../helpers/sync-harness';

const DATA = new URL('../../../shared/data/osrs-wiki/', import.meta.url).pathname;
const present = existsSync(DATA);

/** Which schema a saved file answers to; 'skip' for files that are not API responses. */
function schemaFor(path: string): z.ZodType | 'skip' | undefined {
  const name = path.split('/').pop() ?? '';
  if (name === 'README.md' || name === 'validation.txt' || name.startsWith('latest-history-')) return 'skip';
  if (name.startsWith('mapping')) return MappingResponseSchema;
  if (name.startsWith('latest')) return LatestResponseSchema;
  if (/^(5m|1h|24h)[-.]/.test(name)) return WindowResponseSchema;
  if (name.startsWith('timeseries-')) return TimeseriesResponseSchema;
  if (name.startsWith('volumes-')) return VolumesResponseSchema;
  return undefined;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

describe.skipIf(!present)('conformance with real wiki responses (skipped when ../shared/data/osrs-wiki is absent)', () => {
  it('parses every saved API response, every line of the .jsonl files included', () => {
    const files = listFiles(DATA);
    const checked: string[] = [];
    for (const path of files) {
      const name = relative(DATA, path);
      const schema = schemaFor(path);
      if (schema === undefined) throw new Error(`no schema is known for ${name}: classify it in this test`);
      if (schema === 'skip') continue;
      const bodies = path.endsWith('.jsonl')
        ? readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as unknown)
        : [readJson(path)];
      for (const [i, body] of bodies.entries()) {
        const result = schema.safeParse(body);
        if (!result.success) throw new Error(`${name}${bodies.length > 1 ? ` line ${i + 1}` : ''}: ${result.error.message.slice(0, 500)}`);
      }
      checked.push(name);
    }
    // Everything the README lists: 2 mappings, 13 latest, 5m + series, 1h + 24 series, 24h, volumes, 7 timeseries.
    expect(checked.length).toBeGreaterThanOrEqual(50);
  });

  it('ingests the real mapping and two consecutive real /latest snapshots with exactly the changes between them', async () => {
    const seriesDir = join(DATA, 'latest-series');
    const [firstFile, secondFile] = readdirSync(seriesDir).filter((f) => f.endsWith('.json')).sort();
    if (!firstFile || !secondFile) throw new Error('latest-series needs two snapshots');
    const first = readJson(join(seriesDir, firstFile)) as { data: Record<string, Record<string, unknown>> };
    const second = readJson(join(seriesDir, secondFile)) as { data: Record<string, Record<string, unknown>> };
    // Counted here from the raw JSON, independently of the sync's diff.
    const legs = ['high', 'highTime', 'low', 'lowTime'];
    const expectedChanges = Object.entries(second.data).filter(([id, entry]) => {
      const before = first.data[id];
      return before === undefined || legs.some((leg) => before[leg] !== entry[leg]);
    }).length;
    const mapping = readJson(join(DATA, 'mapping-2026-05.json')) as unknown[];

    const fake = await startFakeUpstream();
    const harness = await startSyncHarness(fake);
    try {
      fake.setMapping(mapping);
      fake.setLatest(first);
      expect(await harness.sync.runJob('mapping')).toBe(true);
      expect(await harness.sync.runJob('latest')).toBe(true);
      fake.setLatest(second);
      expect(await harness.sync.runJob('latest')).toBe(true);

      const [initial, next] = harness.commits;
      expect(initial?.changes).toHaveLength(Object.keys(first.data).length);
      expect(next?.changes).toHaveLength(expectedChanges);
      expect(next?.seq).toBe(Object.keys(first.data).length + expectedChanges);
      const items = await harness.store.db.selectFrom('items').select('id').execute();
      expect(items).toHaveLength(mapping.length);
      // Every item of /latest is stored, those missing from /mapping included.
      const prices = await harness.store.db.selectFrom('latest_prices').select('item_id').execute();
      expect(prices).toHaveLength(Object.keys({ ...first.data, ...second.data }).length);
    } finally {
      await harness.close();
      await fake.close();
    }
  });
});

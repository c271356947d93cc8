// The real wiki answers saved under ../shared/data/osrs-wiki (never copied into the repository):
// /mapping (4,275 items), /latest and one /1h window, as the raw bodies (for a fake wiki) and as
// store seeds. `null` when the folder is absent, so a test can skip saying why.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LatestResponseSchema, MappingResponseSchema, WindowResponseSchema } from '../../server/upstream/schemas';
import type { SeedItem, SeedPrice } from './seed-store';

export const REAL_DATA_DIR = new URL('../../../shared/data/osrs-wiki/', import.meta.url).pathname;

export interface RealCatalogue {
  /** The saved /mapping and /latest bodies, as the wiki sent them. */
  mappingBody: unknown;
  latestBody: unknown;
  items: SeedItem[];
  /** Prices of the mapped items. */
  prices: SeedPrice[];
  /** Hourly volumes from the saved /1h window (24-hour volume unknown). */
  volumes: Array<{ itemId: number; volume1h: number | null; volume24h: number | null }>;
}

const readJson = (name: string): unknown => JSON.parse(readFileSync(join(REAL_DATA_DIR, name), 'utf8'));

export function readRealCatalogue(): RealCatalogue | null {
  if (!existsSync(join(REAL_DATA_DIR, 'mapping.json')) || !existsSync(join(REAL_DATA_DIR, 'latest.json'))) return null;
  const mappingBody = readJson('mapping.json');
  const latestBody = readJson('latest.json');
  const mapping = MappingResponseSchema.parse(mappingBody);
  const latest = LatestResponseSchema.parse(latestBody);
  const known = new Set(mapping.map((item) => item.id));
  const hour = existsSync(join(REAL_DATA_DIR, '1h.json')) ? WindowResponseSchema.parse(readJson('1h.json')).data : {};
  return {
    mappingBody,
    latestBody,
    items: mapping.map((m) => ({ ...m, limit: m.limit ?? null, value: m.value ?? null, lowalch: m.lowalch ?? null, highalch: m.highalch ?? null })),
    prices: Object.entries(latest.data)
      .filter(([id]) => known.has(Number(id)))
      .map(([id, legs]) => ({ itemId: Number(id), ...legs })),
    volumes: Object.entries(hour)
      .filter(([id]) => known.has(Number(id)))
      .map(([id, w]) => ({ itemId: Number(id), volume1h: w.highPriceVolume + w.lowPriceVolume, volume24h: null })),
  };
}

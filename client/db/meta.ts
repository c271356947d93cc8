// Small facts kept beside the data: each key has its own schema, parsed on read.
import { z } from 'zod';
import type { Timestep } from '../../shared/domain/timestep';
import type { GeDb } from './schema';

export const CursorSchema = z.object({ epoch: z.string(), seq: z.number().int() });

const META_SCHEMAS = {
  /** The server's epoch and the seq of the last price change stored here (`EPOCH.SEQ`). */
  cursor: CursorSchema,
  /** Client time (ms) the catalogue was last downloaded. */
  catalogueAt: z.number(),
  /** Client time (ms) the prices were last confirmed current with the server: "as of". */
  pricesAt: z.number(),
  /** Facts the server told us about itself; kept so they show offline too. */
  server: z.object({ demo: z.boolean() }),
} as const;

export type MetaKey = keyof typeof META_SCHEMAS;
export type MetaValue<K extends MetaKey> = z.infer<(typeof META_SCHEMAS)[K]>;
export type StoredCursor = MetaValue<'cursor'>;

export async function readMeta<K extends MetaKey>(db: GeDb, key: K): Promise<MetaValue<K> | undefined> {
  const result = META_SCHEMAS[key].safeParse(await db.get('meta', key));
  return result.success ? (result.data as MetaValue<K>) : undefined;
}

export async function writeMeta<K extends MetaKey>(db: GeDb, key: K, value: MetaValue<K>): Promise<void> {
  await db.put('meta', value, key);
}

export const CoverageSchema = z.object({ fullAt: z.number() });

export function coverageKey(itemId: number, timestep: Timestep): string {
  return `history:${itemId}:${timestep}`;
}

/** When the whole series the server keeps was last downloaded; later fetches ask only for newer buckets. */
export async function readCoverage(db: GeDb, itemId: number, timestep: Timestep): Promise<number | null> {
  const result = CoverageSchema.safeParse(await db.get('meta', coverageKey(itemId, timestep)));
  return result.success ? result.data.fullAt : null;
}

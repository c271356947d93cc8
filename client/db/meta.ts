// Small facts kept beside the data: each key has its own check, applied on read.
import type { Cursor } from '../../shared/domain/event-id';
import type { Timestep } from '../../shared/domain/timestep';
import { bool, int, num, shape, str, type Guard } from './guards';
import type { GeDb } from './schema';

export type StoredCursor = Cursor;
export const isCursor = shape<Cursor>({ epoch: str, seq: int });

interface MetaValues {
  /** The server's epoch and the seq of the last price change stored here (`EPOCH.SEQ`). */
  cursor: Cursor;
  /** Client time (ms) the catalogue was last confirmed current with the server. */
  catalogueAt: number;
  /** The ETag of the catalogue stored: an answer with the same one is not written again. */
  catalogueTag: string;
  /** Client time (ms) the prices were last confirmed current with the server: "as of". */
  pricesAt: number;
  /** Facts the server told us about itself; kept so they show offline too. */
  server: { demo: boolean };
  /** The server's STALE_AFTER (seconds), kept so the stale marks follow it offline too. */
  staleAfterSeconds: number;
  /** Start of the 1h window the `hourly` store holds (unix seconds). */
  hourlyWindow: number;
  /** The device's push subscription on the server: the id it gave (PUT and DELETE name it) and the secret that proves it ours. */
  pushSubscription: { id: string; auth: string };
  /** "Notify me when a buy limit resets": the user's choice (off until ticked). */
  limitAlerts: boolean;
}

const META_GUARDS: { [K in keyof MetaValues]: Guard<MetaValues[K]> } = {
  cursor: isCursor,
  catalogueAt: num,
  catalogueTag: str,
  pricesAt: num,
  server: shape<MetaValues['server']>({ demo: bool }),
  staleAfterSeconds: num,
  hourlyWindow: int,
  pushSubscription: shape<MetaValues['pushSubscription']>({ id: str, auth: str }),
  limitAlerts: bool,
};

export type MetaKey = keyof MetaValues;

export async function readMeta<K extends MetaKey>(db: GeDb, key: K): Promise<MetaValues[K] | undefined> {
  const value: unknown = await db.get('meta', key);
  const guard: Guard<MetaValues[K]> = META_GUARDS[key];
  return guard(value) ? value : undefined;
}

export async function writeMeta<K extends MetaKey>(db: GeDb, key: K, value: MetaValues[K]): Promise<void> {
  await db.put('meta', value, key);
}

export async function deleteMeta(db: GeDb, key: MetaKey): Promise<void> {
  await db.delete('meta', key);
}

const isCoverage = shape<{ fullAt: number }>({ fullAt: num });

export function coverageKey(itemId: number, timestep: Timestep): string {
  return `history:${itemId}:${timestep}`;
}

/** When the whole series the server keeps was last downloaded; later fetches ask only for newer buckets. */
export async function readCoverage(db: GeDb, itemId: number, timestep: Timestep): Promise<number | null> {
  const value: unknown = await db.get('meta', coverageKey(itemId, timestep));
  return isCoverage(value) ? value.fullAt : null;
}

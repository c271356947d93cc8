// The device database: one versioned schema, upgraded step by step. Every store except
// `watchlist`, `journal` and the alert stores (limitShown among them) is a cache the server can refill; those are the
// user's own data and no upgrade may drop them.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Timestep } from '../../shared/domain/timestep';

export const DB_NAME = 'ge-tracker';

export interface GeDbSchema extends DBSchema {
  /** The catalogue, keyed by item id (CatalogueItem). */
  items: { key: number; value: unknown };
  /** Latest legs per item id, with the seq of their last change (PriceRecord). */
  latest: { key: number; value: unknown };
  /** History buckets: a re-delivered bucket lands on its own key and overwrites itself (PointRecord). */
  points: { key: [number, Timestep, number]; value: unknown; indexes: { byTimestamp: number } };
  /** The stream cursor, sync times, server facts, history coverage (see meta.ts). */
  meta: { key: string; value: unknown };
  /** Starred items (WatchEntry). */
  watchlist: { key: number; value: unknown };
  /** The user's logged trades (Trade), keyed by id. */
  journal: { key: string; value: unknown; indexes: { byItem: number } };
  /** Every item's bucket of the newest 1h window (HourRecord), keyed by item id. */
  hourly: { key: number; value: unknown };
  /** Price alert rules (StoredAlert), keyed by rule id. */
  alerts: { key: string; value: unknown };
  /** Each rule's evaluation state between syncs (the shared evaluator's, serialisable), keyed by rule id. */
  alertState: { key: string; value: unknown };
  /** Alerts that fired, on the device or pushed by the server (FiredRecord): one entry per rule and seq. */
  alertFired: { key: [string, number]; value: unknown; indexes: { byAlert: string; byFiredAt: number } };
  /** Buy-limit resets already told (ShownReset), keyed by item and reset time: each window's end is told once. */
  limitShown: { key: [number, number]; value: unknown; indexes: { byAt: number } };
}

export type GeDb = IDBPDatabase<GeDbSchema>;
type UpgradeTx = IDBPTransaction<GeDbSchema, StoreNames<GeDbSchema>[], 'versionchange'>;

/** MIGRATIONS[n] takes the database from version n to n + 1. Append; never edit a shipped step. */
const MIGRATIONS: ReadonlyArray<(db: GeDb, tx: UpgradeTx) => void> = [
  (db) => {
    db.createObjectStore('items', { keyPath: 'id' });
    db.createObjectStore('latest', { keyPath: 'itemId' });
    db.createObjectStore('meta');
    db.createObjectStore('watchlist', { keyPath: 'itemId' });
  },
  (db) => {
    // Charts arrived after the first catalogue. Indexed by time so quota pruning drops the oldest first.
    const points = db.createObjectStore('points', { keyPath: ['itemId', 'timestep', 'timestamp'] });
    points.createIndex('byTimestamp', 'timestamp');
  },
  (db) => {
    const journal = db.createObjectStore('journal', { keyPath: 'id' });
    journal.createIndex('byItem', 'itemId');
  },
  (db) => {
    // The table's "unstable" flag compares every item with its 1-hour average, offline too.
    db.createObjectStore('hourly', { keyPath: 'itemId' });
  },
  (db) => {
    db.createObjectStore('alerts', { keyPath: 'id' });
    db.createObjectStore('alertState');
    // Keyed by rule and seq: the same firing told by the device and by a push is one entry.
    const fired = db.createObjectStore('alertFired', { keyPath: ['alertId', 'seq'] });
    fired.createIndex('byAlert', 'alertId');
    fired.createIndex('byFiredAt', 'firedAt');
  },
  (db) => {
    // Shown by the page or by a pushed reset in the worker, whichever comes first; the other skips it.
    const shown = db.createObjectStore('limitShown', { keyPath: ['itemId', 'at'] });
    shown.createIndex('byAt', 'at');
  },
];

export const DB_VERSION = MIGRATIONS.length;

export interface OpenOptions {
  name?: string;
  version?: number;
  /** Another tab or the service worker needs a newer version: this connection must let go. */
  onVersionChange?: () => void;
}

export async function openGeDb(options: OpenOptions = {}): Promise<GeDb> {
  const version = options.version ?? DB_VERSION;
  const db: GeDb = await openDB<GeDbSchema>(options.name ?? DB_NAME, version, {
    upgrade(upgrading, oldVersion, newVersion, tx) {
      for (let step = oldVersion; step < (newVersion ?? version); step += 1) MIGRATIONS[step]?.(upgrading, tx);
    },
    blocking() {
      db.close();
      options.onVersionChange?.();
    },
  });
  return db;
}

// The one Database interface. Booleans are 0/1 integers and times are unix seconds.
import type { Generated } from 'kysely';

export interface ItemsTable {
  id: number;
  name: string;
  examine: string;
  members: number;
  icon: string;
  buy_limit: number | null;
  value: number | null;
  lowalch: number | null;
  highalch: number | null;
  /** Lower-cased name, for search. */
  name_lower: string;
  /** 1 while the item is in the latest /mapping; items are never deleted. */
  in_mapping: number;
  updated_at: number;
}

export interface LatestPricesTable {
  item_id: number;
  high: number | null;
  high_time: number | null;
  low: number | null;
  low_time: number | null;
  /** The global seq of this item's last change. */
  seq: number;
  /** Unix seconds when the change was committed. */
  changed_at: number;
}

/** A single row (id = 1): the store's epoch and the last assigned seq. */
export interface StreamStateTable {
  id: number;
  epoch: string;
  seq: number;
  created_at: number;
  /** The newest sync-leader term seen (cluster mode's fence); 0 in one process. */
  term: Generated<number>;
}

export interface PriceBucketsTable {
  item_id: number;
  timestep: string;
  timestamp: number;
  avg_high: number | null;
  avg_low: number | null;
  high_volume: number;
  low_volume: number;
}

/** /5m and /1h windows already ingested, so a window served twice is written once. */
export interface SyncedWindowsTable {
  timestep: string;
  timestamp: number;
  items: number;
  synced_at: number;
}

export interface ItemVolumesTable {
  item_id: number;
  volume_1h: number | null;
  volume_24h: number | null;
  updated_at: number;
}

export interface SyncStateTable {
  job: string;
  last_success: number | null;
  last_error: string | null;
  last_error_at: number | null;
  last_duration_ms: number | null;
}

/** A single row (id = 1): the VAPID key pair, base64url, made once when the config names none. */
export interface PushKeysTable {
  id: number;
  public_key: string;
  private_key: string;
  created_at: number;
}

/** A single row (id = 1): raised by every change to a push subscription. */
export interface PushStateTable {
  id: number;
  revision: number;
}

export interface PushSubscriptionsTable {
  /** base64url of the endpoint's SHA-256, shortened: what PUT and DELETE name. */
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  client_address: string;
  /** JSON: the device's AlertRules. */
  rules: string;
  /** JSON: AlertState per rule id. */
  states: string;
  /** push_state.revision when the subscription last changed. */
  revision: number;
  created_at: number;
  updated_at: number;
}

/** A buy-limit reset a device waits for: pushed once when `at` (unix seconds) comes, then deleted. */
export interface PushLimitResetsTable {
  subscription_id: string;
  item_id: number;
  at: number;
}

export interface Database {
  items: ItemsTable;
  latest_prices: LatestPricesTable;
  stream_state: StreamStateTable;
  price_buckets: PriceBucketsTable;
  synced_windows: SyncedWindowsTable;
  item_volumes: ItemVolumesTable;
  sync_state: SyncStateTable;
  push_keys: PushKeysTable;
  push_state: PushStateTable;
  push_subscriptions: PushSubscriptionsTable;
  push_limit_resets: PushLimitResetsTable;
}

// What the sync announces after a commit, and the in-process feed that carries it to the stream.
// The feed is a plain listener set: the sync does not know who listens (hub, Redis bus, tests).
// It carries two kinds of commit: price changes from /latest, and history windows; in cluster
// mode also heads: word that the store has reached a cursor (whatever carried it was lost).
import type { PriceLegs } from '../shared/domain/price-legs';
import type { WindowStep } from '../shared/domain/timestep';

export interface PriceChange extends PriceLegs {
  itemId: number;
  /** The seq assigned to this change, in the transaction that wrote it. */
  seq: number;
}

export interface CommittedChanges {
  epoch: string;
  /** The highest seq after the commit (equals the last change's seq when changes is not empty). */
  seq: number;
  /** Unix milliseconds of the commit. */
  committedAt: number;
  changes: PriceChange[];
}

/**
 * A /5m or /1h window now in the store (live or backfilled), with what it fed: for an hour, the
 * 6h and 24h buckets holding it were rolled up in the same transaction.
 */
export interface WindowCommitted {
  timestep: WindowStep;
  /** Unix seconds: the window's start, as its buckets' timestamp. */
  timestamp: number;
  /** How many items traded in it (buckets written). */
  items: number;
}

/** The store's epoch and seq as the cluster's live log last reported them. */
export interface StoreHead {
  epoch: string;
  seq: number;
}

export type ChangeListener = (committed: CommittedChanges) => void;
export type WindowListener = (window: WindowCommitted) => void;

export interface ChangeFeed {
  publish(committed: CommittedChanges): void;
  subscribe(listener: ChangeListener): () => void;
  /** Called only after the window's transaction committed, so a listener's reader sees it. */
  publishWindow(window: WindowCommitted): void;
  subscribeWindows(listener: WindowListener): () => void;
  /** A listener behind `head` (or on another epoch) must reload from the store. */
  publishHead(head: StoreHead): void;
  subscribeHeads(listener: (head: StoreHead) => void): () => void;
}

interface Listeners<T> {
  publish(value: T): void;
  subscribe(listener: (value: T) => void): () => void;
}

function createListeners<T>(onListenerError?: (error: unknown) => void): Listeners<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    publish(value) {
      for (const listener of listeners) {
        try {
          listener(value);
        } catch (error) {
          // One failing listener must not stop the others from hearing about a commit.
          onListenerError?.(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function createChangeFeed(onListenerError?: (error: unknown) => void): ChangeFeed {
  const prices = createListeners<CommittedChanges>(onListenerError);
  const windows = createListeners<WindowCommitted>(onListenerError);
  const heads = createListeners<StoreHead>(onListenerError);
  return {
    publish: prices.publish,
    subscribe: prices.subscribe,
    publishWindow: windows.publish,
    subscribeWindows: windows.subscribe,
    publishHead: heads.publish,
    subscribeHeads: heads.subscribe,
  };
}

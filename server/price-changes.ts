// What the sync announces after a commit, and the in-process feed that carries it to the stream.
// The feed is a plain listener set: the sync does not know who listens (hub, Redis bus, tests).

export interface PriceChange {
  itemId: number;
  high: number | null;
  highTime: number | null;
  low: number | null;
  lowTime: number | null;
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

export type ChangeListener = (committed: CommittedChanges) => void;

export interface ChangeFeed {
  publish(committed: CommittedChanges): void;
  subscribe(listener: ChangeListener): () => void;
}

export function createChangeFeed(onListenerError?: (error: unknown) => void): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  return {
    publish(committed) {
      for (const listener of listeners) {
        try {
          listener(committed);
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

// The end-to-end benchmark's contract with the two servers it forks (ours, and a better-sse
// server that diffs in memory only): each fetches /latest from the same fake wiki when asked.

export interface EndToEndReady {
  port: number;
}

export interface EndToEndSync {
  /** The seq the clients' sync-complete carries for this sync. */
  seq: number;
  changes: number;
  /** timeOrigin + now (ms since the epoch): the sync began (before the fetch). */
  startedAt: number;
  /** The changes were handed to every client (ours: after the durable commit). */
  publishedAt: number;
  /** The event loop turned after the publish: the corked writes were handed to the kernel. */
  flushedAt: number;
  /** The sync's job was over (ours: its outcome recorded too). */
  endedAt: number;
}

export type EndToEndCalls = {
  /** Ours: the catalogue and the first /latest (every price new); the peer: its first /latest. */
  prepare(_: null): Promise<number>;
  sync(_: null): Promise<EndToEndSync>;
};

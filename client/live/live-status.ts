// What the user is told about the live connection: the one status shape, from the connection up
// to the header and across tabs. Small and free of the stream's code, so the header can show it
// before the live module has loaded.

export const LIVE_STATES = ['connecting', 'live', 'reconnecting', 'offline'] as const;
export type LiveState = (typeof LIVE_STATES)[number];

export interface LiveStatus {
  state: LiveState;
  /** The connection attempt under way, counted since the stream was last live. */
  attempt: number;
  reconnects: number;
  /** When prices last changed through the stream (ms). */
  lastUpdate: number | null;
  /** The server's time of its last completed sync (ms). */
  syncedAt: number | null;
}

/** The part of the status the connection itself knows; the stream adds the times of what it applied. */
export type ConnectionStatus = Pick<LiveStatus, 'state' | 'attempt' | 'reconnects'>;

export const STARTING_STATUS: LiveStatus = { state: 'connecting', attempt: 1, reconnects: 0, lastUpdate: null, syncedAt: null };

export function sameStatus(a: LiveStatus, b: LiveStatus): boolean {
  return a.state === b.state && a.attempt === b.attempt && a.reconnects === b.reconnects && a.lastUpdate === b.lastUpdate && a.syncedAt === b.syncedAt;
}

/** "Live", "Connecting…", "Reconnecting… (attempt 3)", "Offline". Never "Live" unless the stream is open. */
export function describeLiveState(status: Pick<LiveStatus, 'state' | 'attempt'>): string {
  const attempt = status.attempt > 1 ? ` (attempt ${status.attempt})` : '';
  switch (status.state) {
    case 'live':
      return 'Live';
    case 'connecting':
      return `Connecting…${attempt}`;
    case 'reconnecting':
      return `Reconnecting…${attempt}`;
    case 'offline':
      return 'Offline';
  }
}

/** "14:05:09" in the user's time zone: the time of the server's last sync. */
export function formatUpdatedAt(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

// The one answer to "can I trust these prices right now?", from three facts: the network is there
// (navigator.onLine), the server answered (the last REST call, or the stream being open), and the
// stream is live. The header and the offline banner both read it, so they cannot disagree.
import { describeLiveState, type LiveStatus } from '../live/live-status';

export type AppStatusKind = 'live' | 'connecting' | 'server-down' | 'offline';

export interface AppStatusInput {
  browserOnline: boolean;
  /** How the last REST request went. */
  serverReachable: boolean;
  stream: Pick<LiveStatus, 'state' | 'attempt'>;
}

export interface AppStatus {
  kind: AppStatusKind;
  /** The header's words: "Live", "Connecting…", "Reconnecting… (attempt 3)", "Offline". */
  header: string;
  /** Why the banner shows; null: no banner. */
  reason: string | null;
}

export function deriveAppStatus(input: AppStatusInput): AppStatus {
  const { stream } = input;
  if (!input.browserOnline || stream.state === 'offline') return { kind: 'offline', header: 'Offline', reason: 'no network' };
  // An open stream is the server answering now, whatever an older REST call said.
  if (stream.state === 'live') return { kind: 'live', header: 'Live', reason: null };
  // One failed attempt (attempt 2 on) or a failed request: the server is not there.
  if (stream.attempt > 1 || !input.serverReachable) {
    return { kind: 'server-down', header: describeLiveState({ state: 'reconnecting', attempt: Math.max(stream.attempt, 2) }), reason: 'no connection to the server, reconnecting' };
  }
  return { kind: 'connecting', header: describeLiveState(stream), reason: null };
}

/** "12 min", "3 h": how old the prices on screen are, for the banner. */
export function describePricesAge(pricesAt: number | null, nowSeconds: number): string | null {
  if (pricesAt === null) return null;
  const minutes = Math.max(0, Math.floor((nowSeconds - pricesAt / 1000) / 60));
  if (minutes < 1) return 'under a minute';
  if (minutes < 120) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / 1440)} days`;
}

// The app's handle on the live connection: its status and its changes as signals from the first
// paint, while the stream's own code (and the schemas it parses with) loads after it.
import { createContext, createSignal, onCleanup, untrack, useContext, type Accessor } from 'solid-js';
import type { LiveChange } from './live-applier';
import type { LiveSessionDeps } from './live-session';
import { STARTING_STATUS, type LiveStatus } from './live-status';

export interface Live {
  status: Accessor<LiveStatus>;
  /** Changes now on screen in this tab (the chart's live buffer listens); returns the unsubscribe. */
  onUpdate(listener: (changes: readonly LiveChange[]) => void): () => void;
  /** Ticks when the open chart should fetch newer history: live again after a cut, shown again after a while. */
  historyTick: Accessor<number>;
  refreshHistory(): void;
}

export type LiveDeps = Omit<LiveSessionDeps, 'setStatus' | 'emit' | 'refreshHistory'>;

export function createLive(deps: LiveDeps): Live {
  const [status, setStatus] = createSignal<LiveStatus>(STARTING_STATUS);
  const [historyTick, setHistoryTick] = createSignal(0);
  const listeners = new Set<(changes: readonly LiveChange[]) => void>();
  const refreshHistory = (): void => void setHistoryTick((tick) => tick + 1);
  let beenLive = false;
  let stop: (() => void) | null = null;
  let disposed = false;

  const updateStatus = (next: LiveStatus): void => {
    // Live again after a cut: prices caught up through the stream; the chart's history has not.
    if (next.state === 'live' && untrack(status).state !== 'live' && beenLive) refreshHistory();
    if (next.state === 'live') beenLive = true;
    setStatus(next);
  };

  void import('./live-session').then(({ startLiveSession }) => {
    if (disposed) return;
    stop = startLiveSession({
      ...deps,
      setStatus: updateStatus,
      emit: (changes) => listeners.forEach((listener) => listener(changes)),
      refreshHistory,
    });
  });
  onCleanup(() => {
    disposed = true;
    stop?.();
  });

  return {
    status,
    onUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    historyTick,
    refreshHistory,
  };
}

export const LiveContext = createContext<Live>();

/** The live connection, or undefined where none runs (a page rendered on its own). */
export function useLive(): Live | undefined {
  return useContext(LiveContext);
}

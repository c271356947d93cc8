// The app's handle on the live connection: its status and its changes as signals from the first
// paint, while the stream's own code (and the schemas it parses with) loads after it.
import { batch, createContext, createSignal, onCleanup, untrack, useContext, type Accessor, type Signal } from 'solid-js';
import type { Timestep } from '../../shared/domain/timestep';
import type { LiveChange } from './live-applier';
import { stepsOf, type HistoryChanges } from './history-refresh';
import type { LiveSessionDeps } from './live-session';
import { STARTING_STATUS, type LiveStatus } from './live-status';

export interface HistoryTick {
  count: number;
  /** The oldest bucket the server said changed; absent: only buckets after the newest stored are new. */
  from?: number;
}

export interface Live {
  status: Accessor<LiveStatus>;
  /** Changes now on screen in this tab (the chart's live buffer listens); returns the unsubscribe. */
  onUpdate(listener: (changes: readonly LiveChange[]) => void): () => void;
  /**
   * Ticks when an open chart of `timestep` should fetch newer history: live again after a cut,
   * shown again after a while, or the server stored a window that changed the series.
   */
  historyTick(timestep: Timestep): HistoryTick;
  /** `changes`: the series the server changed, from where; absent: every series, after its newest bucket. */
  refreshHistory(changes?: HistoryChanges): void;
}

export type LiveDeps = Omit<LiveSessionDeps, 'setStatus' | 'emit' | 'refreshHistory'>;

export function createLive(deps: LiveDeps): Live {
  const [status, setStatus] = createSignal<LiveStatus>(STARTING_STATUS);
  const tick = (): Signal<HistoryTick> => createSignal<HistoryTick>({ count: 0 });
  const ticks: Record<Timestep, Signal<HistoryTick>> = { '5m': tick(), '1h': tick(), '6h': tick(), '24h': tick() };
  const listeners = new Set<(changes: readonly LiveChange[]) => void>();
  const refreshHistory = (changes?: HistoryChanges): void =>
    batch(() => {
      for (const step of stepsOf(changes)) ticks[step][1]((held) => ({ count: held.count + 1, from: changes?.[step] }));
    });
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
    historyTick: (timestep) => ticks[timestep][0](),
    refreshHistory,
  };
}

export const LiveContext = createContext<Live>();

/** The live connection, or undefined where none runs (a page rendered on its own). */
export function useLive(): Live | undefined {
  return useContext(LiveContext);
}

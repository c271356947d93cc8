// One tab's part in the browser's live connection. The leader (see leadership.ts) runs the price
// stream, writes IndexedDB and tells the other tabs what changed; a follower only redraws from
// what it is told. When the leader's tab closes another tab is elected and resumes the stream
// from the cursor the old leader stored.
import { createEffect, createRoot, onCleanup, untrack } from 'solid-js';
import type { Api } from '../api';
import type { GeDb } from '../db/schema';
import type { PriceRecord } from '../db/records';
import { onCameBack } from '../lib/came-back';
import { createPriceStream } from './create-price-stream';
import { catchUpHistory } from './history-catchup';
import { createHistoryRefresh, type HistoryChanges } from './history-refresh';
import { electLeader } from './leadership';
import type { LiveChange } from './live-applier';
import { openLiveChannel, type ChannelMessage } from './live-channel';
import { STARTING_STATUS, type LiveStatus } from './live-status';

const NAME = 'ge-tracker-live';
/** Shown again after this long hidden: the open chart and the watchlist fetch newer history. */
const AWAY_MS = 30_000;

export interface LiveSessionDeps {
  db: GeDb;
  api: Pick<Api, 'latestPrices' | 'history'>;
  /** The app's first download, for a device that holds no prices yet. */
  firstDownload(): Promise<unknown>;
  /** Redraws records already stored (by this tab or the leader). */
  showPrices(records: readonly PriceRecord[]): void;
  /** Redraws every price from a whole set already stored (a resync): items it lacks lose theirs. */
  showAllPrices(records: readonly PriceRecord[]): void;
  /** Items whose stored history the leader keeps up to date: the watchlist and the alerted items. */
  watchlist(): readonly number[];
  /**
   * The leader stored prices (a batch, a catch-up or a snapshot; the IndexedDB write has
   * committed): the device's alerts evaluate. Only the leader: followers store nothing.
   */
  pricesStored?(): void;
  setStatus(status: LiveStatus): void;
  /** Tells this tab's listeners (the chart's live buffer) about changes now on screen. */
  emit(changes: readonly LiveChange[]): void;
  /** The open chart should fetch newer history (`changes`: only of these series, from there). */
  refreshHistory(changes?: HistoryChanges): void;
}

export function startLiveSession(deps: LiveSessionDeps): () => void {
  return createRoot((dispose) => {
    let leading = false;
    let status = STARTING_STATUS;
    const setStatus = (next: LiveStatus): void => {
      status = next;
      deps.setStatus(next);
    };
    let catchingUp: Promise<unknown> = Promise.resolve();
    const catchUpWatchlist = (changes?: HistoryChanges): void => {
      // One pass at a time, so a burst of windows does not ask for the same series twice at once.
      // A failure leaves the stored history as it was; the next reconnect or window tries again.
      catchingUp = catchingUp.then(() => catchUpHistory({ db: deps.db, api: deps.api }, deps.watchlist(), changes)).catch(() => undefined);
    };

    /** The leader closed the stream for a hidden app: this tab, on screen, asks for it back. */
    let leaderPaused = false;
    const onScreen = (): boolean => document.visibilityState === 'visible';
    let needed = (): void => {};
    const channel = openLiveChannel(NAME, (message: ChannelMessage) => {
      if (leading) {
        if (message.type === 'hello') channel.post({ type: 'status', status });
        if (message.type === 'hello' || message.type === 'wake') needed();
        return;
      }
      switch (message.type) {
        case 'paused':
          leaderPaused = true;
          if (onScreen()) channel.post({ type: 'wake' });
          return;
        case 'wake':
          return;
        case 'status':
          if (message.status.state === 'live') leaderPaused = false;
          return setStatus(message.status);
        case 'applied': {
          deps.showPrices(message.changes.map((change) => change.record));
          return deps.emit(message.changes);
        }
        case 'replaced':
          return deps.showAllPrices(message.records);
        case 'history':
          return deps.refreshHistory(message.changes);
        case 'hello':
          return;
      }
    });

    const lead = (): (() => void) =>
      createRoot((resign) => {
        leading = true;
        // The leader alone hears the stream; it refreshes its own tab, tells the others, and keeps the watchlist's series.
        const windows = createHistoryRefresh({
          flush(changes) {
            deps.refreshHistory(changes);
            channel.post({ type: 'history', changes });
            catchUpWatchlist(changes);
          },
        });
        onCleanup(() => windows.stop());
        const stream = createPriceStream({
          db: deps.db,
          fetchSnapshot: () => deps.api.latestPrices(),
          firstDownload: deps.firstDownload,
          onUpdate(changes) {
            deps.showPrices(changes.map((change) => change.record));
            deps.emit(changes);
            channel.post({ type: 'applied', changes });
            deps.pricesStored?.();
          },
          onReplace(records) {
            deps.showAllPrices(records);
            channel.post({ type: 'replaced', records });
            deps.pricesStored?.();
          },
          onReconnect: () => catchUpWatchlist(),
          onHistory: (event) => windows.add(event),
          onPause: () => channel.post({ type: 'paused' }),
        });
        needed = () => stream.needed();
        createEffect(() => {
          const next = stream.status();
          // Only the stream's status is a dependency; whatever the listeners read is not.
          untrack(() => {
            setStatus(next);
            channel.post({ type: 'status', status: next });
          });
        });
        return () => {
          leading = false;
          needed = () => {};
          resign();
        };
      });

    const leadership = electLeader({ name: NAME, lead, locks: navigator.locks });
    channel.post({ type: 'hello' });

    onCameBack(({ cause, hiddenMs }) => {
      if (cause === 'visible' && !leading && leaderPaused) channel.post({ type: 'wake' });
      if (cause !== 'visible' || hiddenMs <= AWAY_MS) return;
      deps.refreshHistory();
      if (leading) catchUpWatchlist();
    });

    return () => {
      leadership.stop();
      channel.close();
      dispose();
    };
  });
}

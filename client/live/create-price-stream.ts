// The live price stream as a Solid primitive: connection state, attempt and reconnect counts, and
// the last update time as one status signal; every change applied to IndexedDB before `onUpdate`
// hears of it. Reconnects when the app comes back (online, or shown again); goes Offline on
// `offline`; closes after a while hidden (hidden-pause.ts). Call it under a reactive owner (a component or createRoot): disposing the owner
// closes the stream.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { LatestPricesResponse } from '../../shared/protocol/api';
import type { HistoryEvent, SyncCompleteEvent } from '../../shared/protocol/events';
import { formatEventId } from '../../shared/domain/event-id';
import { COMPACT_FORMAT } from '../../shared/protocol/compact-prices';
import { readMeta } from '../db/meta';
import type { PriceRecord } from '../db/records';
import type { GeDb } from '../db/schema';
import { onCameBack, onWentHidden } from '../lib/came-back';
import { createHiddenPause } from './hidden-pause';
import { listen } from '../lib/listen';
import { createLiveApplier, type LiveChange } from './live-applier';
import { sameStatus, STARTING_STATUS, type LiveStatus } from './live-status';
import { createStreamConnection, type EventSourceLike } from './stream-connection';

/** The compact format: one small event per sync (shared/protocol/compact-prices.ts). */
export const STREAM_PATH = `/api/v1/prices/stream?format=${COMPACT_FORMAT}`;

export interface PriceStreamOptions {
  db: GeDb;
  /** GET /api/v1/prices/latest, everything: for a resync or a new epoch. */
  fetchSnapshot(): Promise<LatestPricesResponse>;
  /** Run once before the first connection when the device holds no prices yet (the app's own first download). */
  firstDownload?(): Promise<unknown>;
  onUpdate?(changes: LiveChange[]): void;
  /** Every stored price was replaced; the records are the new whole. */
  onReplace?(records: PriceRecord[]): void;
  onSync?(event: SyncCompleteEvent): void;
  /** Live again after having been cut: the stream caught up prices; history is the caller's. */
  onReconnect?(): void;
  /** The server stored a history window: the caller refreshes the series it feeds. */
  onHistory?(event: HistoryEvent): void;
  url?: string;
  openEventSource?: (url: string) => EventSourceLike;
  isOnline?: () => boolean;
  /** The stream was closed for a hidden app (hidden-pause.ts): tabs on screen may ask for it back. */
  onPause?(): void;
}

export interface PriceStream {
  /** `lastUpdate`: when prices last changed on this device through the stream; `syncedAt`: "updated HH:MM:SS". */
  status: Accessor<LiveStatus>;
  stop(): void;
  /** A tab on screen needs the stream: reopen it if it was closed for a hidden app. */
  needed(): void;
}

export function createPriceStream(options: PriceStreamOptions): PriceStream {
  const isOnline = options.isOnline ?? (() => navigator.onLine);
  const [status, setStatus] = createSignal<LiveStatus>({ ...STARTING_STATUS, state: isOnline() ? 'connecting' : 'offline' }, { equals: sameStatus });
  const setLastUpdate = (lastUpdate: number) => setStatus((held) => ({ ...held, lastUpdate }));
  let connectedBefore = false;
  let firstDownload = options.firstDownload;

  const applier = createLiveApplier({
    db: options.db,
    fetchSnapshot: options.fetchSnapshot,
    applied(changes) {
      setLastUpdate(Date.now());
      options.onUpdate?.(changes);
    },
    replaced(records) {
      setLastUpdate(Date.now());
      options.onReplace?.(records);
    },
    synced(event) {
      const at = Date.parse(event.timestamp);
      setStatus((held) => ({ ...held, syncedAt: Number.isNaN(at) ? Date.now() : at }));
      options.onSync?.(event);
    },
    // The cursor did not move; a new connection resumes from it.
    failed: () => connection.restart(),
  });

  async function readCursor(): Promise<string | undefined> {
    // Resume from what is applied, not from what is still in the queue.
    await applier.idle();
    let cursor = await readMeta(options.db, 'cursor');
    if (cursor === undefined && firstDownload) {
      const download = firstDownload;
      firstDownload = undefined;
      await download().catch(() => undefined);
      cursor = await readMeta(options.db, 'cursor');
    }
    return cursor && formatEventId(cursor);
  }

  const connection = createStreamConnection({
    url: options.url ?? STREAM_PATH,
    readCursor,
    openEventSource: options.openEventSource ?? ((url) => new EventSource(url)),
    isOnline,
    message(message) {
      // History is fetched over REST; it does not wait behind the price writes.
      if (message.type === 'history') return options.onHistory?.(message.event);
      void applier.handle(message);
      if (message.type !== 'connected') return;
      if (connectedBefore) options.onReconnect?.();
      connectedBefore = true;
    },
    status: (reported) => setStatus((held) => ({ ...held, ...reported })),
  });

  const away = createHiddenPause({
    pause() {
      connection.pause();
      options.onPause?.();
    },
    resume: () => connection.wake(),
  });
  onWentHidden(() => away.hidden());
  onCameBack(({ cause }) => {
    if (cause === 'visible') away.shown();
    // Back online while still away: the stream waits until the app is shown.
    if (!away.paused()) connection.wake();
  });
  listen(window, 'offline', () => connection.sleep());
  onCleanup(() => {
    away.stop();
    connection.stop();
  });
  connection.start();
  if (document.visibilityState !== 'visible') away.hidden();

  return { status, stop: () => connection.stop(), needed: () => away.needed() };
}

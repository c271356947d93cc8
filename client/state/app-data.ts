// Everything the pages show, read from IndexedDB first and then kept fresh from the server.
// Pages take what they need from here and hand plain data to components.
import { batch, createMemo, createSignal, untrack, type Accessor } from 'solid-js';
import type { Api } from '../api';
import { listCatalogue } from '../db/catalogue';
import { readMeta, writeMeta } from '../db/meta';
import { listHourly } from '../db/hourly';
import { listPrices } from '../db/prices';
import type { CatalogueItem, HourRecord, PriceRecord } from '../db/records';
import type { GeDb } from '../db/schema';
import { listWatchlist, setWatched } from '../db/watchlist';
import { createAlertBook, type AlertBook } from '../alerts/alerts-state';
import { createJournal, type Journal } from '../journal/journal-state';
import { STALE_AFTER_SECONDS } from '../table/row-figures';
import { createDevicePrefs, type DevicePrefs } from './device-prefs';
import { createPriceStore, type PriceMap } from './prices-store';
import { refreshFromServer, refreshHourly } from './refresh';

/** Per item id, its bucket of the newest 1h window the device holds. */
export type HourlyMap = ReadonlyMap<number, HourRecord>;

export interface AppData {
  db: GeDb;
  api: Api;
  items: Accessor<readonly CatalogueItem[]>;
  item(id: number): CatalogueItem | undefined;
  prices: PriceMap;
  /** The prices for a computation over every item (sorting, filtering): tracks one version signal. */
  allPrices(): PriceMap;
  watchlist: Accessor<ReadonlySet<number>>;
  /** The newest 1h window's averages, for the "unstable" flag on every row. */
  hourly: Accessor<HourlyMap>;
  /** The server stored a 1h window (or the stream is back): fetch the averages if they changed. */
  refreshHourly(): Promise<void>;
  setWatched(itemId: number, watched: boolean): Promise<void>;
  /** The user's logged trades. */
  journal: Journal;
  /** The user's price alerts and the alerts that fired. */
  alerts: AlertBook;
  /** The device's copy has been read (it may be empty on a first visit). */
  loaded: Accessor<boolean>;
  /** When the prices were last confirmed with the server (ms), the "as of" time. */
  pricesAt: Accessor<number | null>;
  demo: Accessor<boolean>;
  /** A leg that has not traded for longer than this (seconds) is marked stale: the server's STALE_AFTER. */
  staleAfter: Accessor<number>;
  offline: Accessor<boolean>;
  /** Unix seconds, ticking coarsely: for ages. */
  now: Accessor<number>;
  /** Choices kept on this device (number format, columns, filter presets). */
  prefs: DevicePrefs;
  /** Why the last refresh failed, for the user; null after a good one. */
  refreshError: Accessor<string | null>;
  refresh(): Promise<void>;
  /** The live stream confirmed the prices current (a sync completed): moves "as of" forward. */
  confirmPrices(at: number): void;
  /** Redraws records another tab already stored. */
  showPrices(records: readonly PriceRecord[]): void;
  /** Redraws every price from a whole set another writer already stored: items it lacks lose theirs. */
  showAllPrices(records: readonly PriceRecord[]): void;
}

export interface AppDataOptions {
  db: GeDb;
  api: Api;
  offline: Accessor<boolean>;
  now: Accessor<number>;
  /** Default: nothing kept (tests). */
  prefs?: DevicePrefs;
  /** Called when the starred items grow: a good moment to ask for persistent storage. */
  onStar?: () => void;
}

export function createAppData(options: AppDataOptions): AppData {
  const { db, api } = options;
  const store = createPriceStore();
  const [items, setItems] = createSignal<readonly CatalogueItem[]>([]);
  const [watchlist, setWatchlist] = createSignal<ReadonlySet<number>>(new Set());
  const [hourly, setHourlyMap] = createSignal<HourlyMap>(new Map());
  const setHourly = (records: readonly HourRecord[]) => setHourlyMap(new Map(records.map((record) => [record.itemId, record])));
  const [loaded, setLoaded] = createSignal(false);
  const [pricesAt, setPricesAt] = createSignal<number | null>(null);
  const [demo, setDemo] = createSignal(false);
  const [staleAfter, setStaleAfter] = createSignal(STALE_AFTER_SECONDS);
  const [refreshError, setRefreshError] = createSignal<string | null>(null);
  const byId = createMemo(() => new Map(items().map((item) => [item.id, item])));
  let inFlight: Promise<void> | null = null;

  const deviceRead = Promise.all([listCatalogue(db), listPrices(db), listWatchlist(db), readMeta(db, 'pricesAt'), readMeta(db, 'server'), readMeta(db, 'staleAfterSeconds')]).then(
    ([catalogue, prices, watched, at, server, stale]) =>
      batch(() => {
        setItems(catalogue);
        store.replace(prices);
        setWatchlist(new Set(watched));
        if (at !== undefined) setPricesAt(at);
        if (server) setDemo(server.demo);
        if (stale !== undefined) setStaleAfter(stale);
        setLoaded(true);
      }),
  );

  // The averages only flag rows: read after the first rows are drawn, so they never hold those back.
  // Unreadable, they stay empty (nothing flagged) until the next refresh stores a window again.
  const hourlyRead = deviceRead.then(() => listHourly(db)).then(setHourly, () => undefined);

  // The network pass starts after the device read so older stored data never lands on top of it.
  const refreshOnce = async (): Promise<void> => {
    await hourlyRead;
    try {
      await refreshFromServer({ db, api, setDemo, setStaleAfter, setItems, setPricesAt, setHourly, showPrices: store.show, replacePrices: store.replace });
      setRefreshError(null);
    } catch (error) {
      // Shown beside the freshness line; the device copy stays on screen.
      setRefreshError(error instanceof Error ? error.message : String(error));
    } finally {
      inFlight = null;
    }
  };
  const refresh = (): Promise<void> => (inFlight ??= refreshOnce());

  return {
    db,
    api,
    items,
    item: (id) => byId().get(id),
    prices: store.prices,
    allPrices: () => (store.version(), store.snapshot()),
    watchlist,
    hourly,
    async refreshHourly() {
      await hourlyRead;
      // A failure keeps the averages the device holds; the next pass (a window, a refresh) tries again.
      await refreshHourly({ db, api, setHourly }).catch(() => undefined);
    },
    journal: createJournal(db),
    alerts: createAlertBook(db),
    async setWatched(itemId, watched) {
      await setWatched(db, itemId, watched, Date.now());
      setWatchlist(new Set(await listWatchlist(db)));
      if (watched) options.onStar?.();
    },
    loaded,
    pricesAt,
    demo,
    staleAfter,
    offline: options.offline,
    now: options.now,
    prefs: options.prefs ?? createDevicePrefs(null),
    refreshError,
    refresh,
    confirmPrices(at) {
      if ((untrack(pricesAt) ?? 0) >= at) return;
      setPricesAt(at);
      void writeMeta(db, 'pricesAt', at);
    },
    showPrices: store.show,
    showAllPrices: store.replace,
  };
}

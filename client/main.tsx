// The entry point: opens the device database, wires state, the service worker and installation,
// and renders. Nothing else in the client starts anything on import.
import './styles.css';
import { createEffect, createMemo, on } from 'solid-js';
import { render } from 'solid-js/web';
import { App } from './app';
import { createLazyApi } from './lazy-api';
import { openGeDb } from './db/schema';
import { createInstallPrompt } from './pwa/install-prompt';
import { requestPersistentStorage } from './pwa/persist';
import { registerServiceWorker } from './pwa/register-sw';
import { createAppData } from './state/app-data';
import { createClock } from './state/clock';
import { deriveAppStatus, type AppStatus } from './state/app-status';
import { createConnectivity } from './state/connectivity';
import { createDevicePrefs, deviceStorage } from './state/device-prefs';
import { scheduleRefresh } from './state/refresh-schedule';
import { LiveIndicator } from './components/live-indicator';
import { createLive, LiveContext } from './live/live';
import { AlertBanner } from './alerts/alert-banner';
import { AlertsContext, createAlertsRuntime } from './alerts/alerts-runtime';

async function start(root: HTMLElement): Promise<void> {
  let db;
  try {
    // A newer version opened in another tab needs this connection gone; reloading picks it up.
    db = await openGeDb({ onVersionChange: () => window.location.reload() });
  } catch (error) {
    root.textContent = `GE Tracker cannot store data in this browser (${error instanceof Error ? error.message : String(error)}). Private browsing modes sometimes block it.`;
    return;
  }
  const opened = db;
  render(() => {
    const connectivity = createConnectivity();
    const api = createLazyApi({ onReachable: connectivity.report });
    const persist = () => void requestPersistentStorage();
    // Read only after the live connection below exists.
    let status: () => AppStatus = () => deriveAppStatus({ browserOnline: false, serverReachable: false, stream: { state: 'offline', attempt: 1 } });
    const offline = () => status().kind === 'offline' || status().kind === 'server-down';
    const data = createAppData({ db: opened, api, offline, now: createClock(), prefs: createDevicePrefs(deviceStorage()), onStar: persist });
    const alerts = createAlertsRuntime({
      db: opened, api, book: data.alerts, itemName: (id) => data.item(id)?.name ?? null, trades: data.journal.trades, limitOf: (id) => data.item(id)?.limit ?? null,
    });
    // Alerts are the user's own data, like the watchlist: a good moment to ask for persistent storage.
    data.alerts.onRulesChanged((rules) => rules.length > 0 && persist());
    // Alerted items' history is kept like the watchlist's: the rules need their averages.
    const keptItems = () => [...new Set([...data.watchlist(), ...data.alerts.rules().map((rule) => rule.itemId)])];
    const live = createLive({ db: opened, api, firstDownload: data.refresh, showPrices: data.showPrices, showAllPrices: data.showAllPrices, watchlist: keptItems, pricesStored: alerts.pricesStored });
    status = createMemo(() => deriveAppStatus({ browserOnline: connectivity.browserOnline(), serverReachable: connectivity.reachable(), stream: live.status() }));
    // The open stream is the server answering: a request that failed before it came back no longer counts.
    createEffect(() => live.status().state === 'live' && connectivity.report(true));
    scheduleRefresh(data.refresh, () => live.status().state === 'live');
    // A stored 1h window (or the stream back after a cut) may bring another hour's averages.
    createEffect(on(() => live.historyTick('1h').count, () => void data.refreshHourly(), { defer: true }));
    createEffect(on(() => live.status().syncedAt, (synced) => synced !== null && data.confirmPrices(Date.now()), { defer: true }));
    // Created once here: JSX props are getters, so a call inside them would run on every read.
    const sw = registerServiceWorker();
    const install = createInstallPrompt(persist);
    return (
      <LiveContext.Provider value={live}>
        <AlertsContext.Provider value={alerts}>
          <App
            data={data}
            sw={sw}
            install={install}
            status={status}
            liveStatus={<LiveIndicator status={live.status()} app={status()} />}
            alertBanner={<AlertBanner alerts={alerts.banner()} onDismiss={alerts.dismissBanner} />}
          />
        </AlertsContext.Provider>
      </LiveContext.Provider>
    );
  }, root);
}

const root = document.getElementById('root');
if (root) void start(root);

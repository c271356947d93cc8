// Routes and the shell. The header's status area holds the freshness line; the live stream's
// indicator goes beside it (`liveStatus`).
import { Route, Router } from '@solidjs/router';
import { lazy, type JSX } from 'solid-js';
import { AppDataContext } from './app-context';
import { createCopier, DisplayContext } from './display-context';
import { AppShell } from './components/app-shell';
import { Freshness } from './components/freshness';
import { InstallButton } from './components/install-button';
import { ItemPage } from './pages/item-page';
import { NotFoundPage } from './pages/not-found-page';
import { TablePage } from './pages/table-page';
import { WatchlistPage } from './pages/watchlist-page';
import type { InstallPrompt } from './pwa/install-prompt';
import type { ServiceWorkerState } from './pwa/register-sw';
import type { AppData } from './state/app-data';
import { describePricesAge, type AppStatus } from './state/app-status';

// The journal's pages and the movers load on first visit: none of their code is in the first paint.
const JournalPage = lazy(() => import('./pages/journal-page'));
const LimitsPage = lazy(() => import('./pages/limits-page'));
const TransferPage = lazy(() => import('./pages/transfer-page'));
const MoversPage = lazy(() => import('./pages/movers-page'));
const AlertsPage = lazy(() => import('./pages/alerts-page'));

export interface AppProps {
  data: AppData;
  sw: ServiceWorkerState;
  install: InstallPrompt;
  liveStatus?: JSX.Element;
  /** The one status the header and the banner show. */
  status: () => AppStatus;
  /** Alerts that fired while notifications are not allowed. */
  alertBanner?: JSX.Element;
}

export function App(props: AppProps) {
  const copier = createCopier(navigator.clipboard);
  const shell = (route: { children?: JSX.Element }) => (
    <AppShell
      status={
        <>
          {props.liveStatus}
          <Freshness pricesAt={props.data.pricesAt()} demo={props.data.demo()} error={props.data.refreshError()} />
        </>
      }
      actions={<InstallButton canInstall={props.install.canInstall()} iosInstructions={props.install.iosInstructions()} onInstall={() => void props.install.install()} />}
      offlineReason={props.status().reason}
      pricesAge={describePricesAge(props.data.pricesAt(), props.data.now())}
      pricesAt={props.data.pricesAt()}
      updateReady={props.sw.updateReady()}
      onUpdate={props.sw.applyUpdate}
      onDismissUpdate={props.sw.dismissUpdate}
      copied={copier.message()}
      alertBanner={props.alertBanner}
    >
      {route.children}
    </AppShell>
  );
  return (
    <AppDataContext.Provider value={props.data}>
      <DisplayContext.Provider value={{ numbers: props.data.prefs.numbers, copy: copier.copy }}>
      <Router root={shell}>
        <Route path="/" component={TablePage} />
        <Route path="/watchlist" component={WatchlistPage} />
        <Route path="/journal" component={JournalPage} />
        <Route path="/journal/transfer" component={TransferPage} />
        <Route path="/limits" component={LimitsPage} />
        <Route path="/movers" component={MoversPage} />
        <Route path="/alerts" component={AlertsPage} />
        <Route path="/items/:id/:slug?" component={ItemPage} matchFilters={{ id: /^\d{1,9}$/ }} />
        <Route path="*" component={NotFoundPage} />
      </Router>
      </DisplayContext.Provider>
    </AppDataContext.Provider>
  );
}

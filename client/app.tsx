// Routes and the shell. The header's status area holds the freshness line; the live stream's
// indicator goes beside it (`liveStatus`).
import { Route, Router } from '@solidjs/router';
import { lazy, type JSX } from 'solid-js';
import { AppDataContext } from './app-context';
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

// The journal's pages and the movers load on first visit: none of their code is in the first paint.
const JournalPage = lazy(() => import('./pages/journal-page'));
const LimitsPage = lazy(() => import('./pages/limits-page'));
const TransferPage = lazy(() => import('./pages/transfer-page'));
const MoversPage = lazy(() => import('./pages/movers-page'));

export interface AppProps {
  data: AppData;
  sw: ServiceWorkerState;
  install: InstallPrompt;
  liveStatus?: JSX.Element;
}

export function App(props: AppProps) {
  const shell = (route: { children?: JSX.Element }) => (
    <AppShell
      status={
        <>
          {props.liveStatus}
          <Freshness pricesAt={props.data.pricesAt()} demo={props.data.demo()} error={props.data.refreshError()} />
        </>
      }
      actions={<InstallButton canInstall={props.install.canInstall()} iosInstructions={props.install.iosInstructions()} onInstall={() => void props.install.install()} />}
      offline={props.data.offline()}
      pricesAt={props.data.pricesAt()}
      updateReady={props.sw.updateReady()}
      onUpdate={props.sw.applyUpdate}
      onDismissUpdate={props.sw.dismissUpdate}
    >
      {route.children}
    </AppShell>
  );
  return (
    <AppDataContext.Provider value={props.data}>
      <Router root={shell}>
        <Route path="/" component={TablePage} />
        <Route path="/watchlist" component={WatchlistPage} />
        <Route path="/journal" component={JournalPage} />
        <Route path="/journal/transfer" component={TransferPage} />
        <Route path="/limits" component={LimitsPage} />
        <Route path="/movers" component={MoversPage} />
        <Route path="/items/:id/:slug?" component={ItemPage} matchFilters={{ id: /^\d{1,9}$/ }} />
        <Route path="*" component={NotFoundPage} />
      </Router>
    </AppDataContext.Provider>
  );
}

import { A } from '@solidjs/router';
import type { JSX } from 'solid-js';

export interface AppHeaderProps {
  /** Freshness line and, once the live stream lands, its indicator. */
  status: JSX.Element;
  /** Install button (or iOS steps). */
  actions: JSX.Element;
}

export function AppHeader(props: AppHeaderProps) {
  return (
    <header class="app-header">
      <A href="/" class="brand" end>
        <img src="/icons/icon-192.png" alt="" width="28" height="28" />
        <span>GE Tracker</span>
      </A>
      <nav class="app-nav" aria-label="Main">
        <A href="/" end>
          Items
        </A>
        <A href="/watchlist">Watchlist</A>
        <A href="/movers">Movers</A>
        <A href="/journal">Journal</A>
        <A href="/alerts">Alerts</A>
      </nav>
      <div class="header-status">
        {props.status}
        {props.actions}
      </div>
    </header>
  );
}

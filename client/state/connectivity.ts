// Whether the server can be reached: the browser's own idea (navigator.onLine) combined with how
// the last request went, because "online" with the server stopped is offline to the user.
import { createSignal, type Accessor } from 'solid-js';
import { listen } from '../lib/listen';

export interface Connectivity {
  offline: Accessor<boolean>;
  browserOnline: Accessor<boolean>;
  /** How the last request went. */
  reachable: Accessor<boolean>;
  /** Called by the api module after each request. */
  report(reachable: boolean): void;
}

export function createConnectivity(): Connectivity {
  const [browserOnline, setBrowserOnline] = createSignal(navigator.onLine);
  const [reachable, setReachable] = createSignal(true);
  listen(window, 'online', () => setBrowserOnline(true));
  listen(window, 'offline', () => setBrowserOnline(false));
  return {
    offline: () => !browserOnline() || !reachable(),
    browserOnline,
    reachable,
    report: (value) => setReachable(value),
  };
}

// Whether the server can be reached: the browser's own idea (navigator.onLine) combined with how
// the last request went, because "online" with the server stopped is offline to the user.
import { createSignal, onCleanup, type Accessor } from 'solid-js';

export interface Connectivity {
  offline: Accessor<boolean>;
  /** Called by the api module after each request. */
  report(reachable: boolean): void;
}

export function createConnectivity(): Connectivity {
  const [browserOnline, setBrowserOnline] = createSignal(navigator.onLine);
  const [reachable, setReachable] = createSignal(true);
  const goOnline = () => setBrowserOnline(true);
  const goOffline = () => setBrowserOnline(false);
  window.addEventListener('online', goOnline);
  window.addEventListener('offline', goOffline);
  onCleanup(() => {
    window.removeEventListener('online', goOnline);
    window.removeEventListener('offline', goOffline);
  });
  return {
    offline: () => !browserOnline() || !reachable(),
    report: (value) => setReachable(value),
  };
}

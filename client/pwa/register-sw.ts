// Registers the service worker and turns a waiting new version into an "Update available"
// prompt. The new version takes over only when the user says so (registerType 'prompt'), so a
// half-read page never reloads under them.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { Workbox } from 'workbox-window';

export interface ServiceWorkerState {
  updateReady: Accessor<boolean>;
  applyUpdate(): void;
  dismissUpdate(): void;
}

/** How often an open app asks whether a new version was deployed. */
const UPDATE_CHECK_MS = 60 * 60_000;

export function registerServiceWorker(): ServiceWorkerState {
  const [updateReady, setUpdateReady] = createSignal(false);
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) {
    return { updateReady, applyUpdate: () => {}, dismissUpdate: () => {} };
  }
  const wb = new Workbox('/sw.js', { scope: '/' });
  let reloadWhenControlled = false;
  wb.addEventListener('waiting', () => setUpdateReady(true));
  wb.addEventListener('controlling', () => {
    if (reloadWhenControlled) window.location.reload();
  });
  void wb.register();

  const check = () => {
    if (document.visibilityState === 'visible') void wb.update();
  };
  const timer = setInterval(check, UPDATE_CHECK_MS);
  document.addEventListener('visibilitychange', check);
  onCleanup(() => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', check);
  });

  return {
    updateReady,
    applyUpdate() {
      reloadWhenControlled = true;
      wb.messageSkipWaiting();
    },
    dismissUpdate: () => setUpdateReady(false),
  };
}

// Registers the service worker and turns a waiting new version into an "Update available"
// prompt. The new version takes over only when the user says so (registerType 'prompt'), so a
// half-read page never reloads under them.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { Workbox } from 'workbox-window';
import { onCameBack } from '../lib/came-back';

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
  wb.addEventListener('controlling', () => {
    if (reloadWhenControlled) window.location.reload();
  });
  // Watched on the registration itself: workbox-window's own `waiting` event is missed when the
  // browser's navigation-time update check finds the new worker before register() resolves.
  // A new version whose install failed (a precache download cut short) is retried a few times,
  // or the user would not hear of it until the next launch.
  let retries = 0;
  const watch = (registration: ServiceWorkerRegistration) => {
    const check = () => {
      if (registration.waiting && navigator.serviceWorker.controller) setUpdateReady(true);
    };
    const follow = (worker: ServiceWorker | null) =>
      worker?.addEventListener('statechange', () => {
        check();
        if (worker.state === 'redundant' && !registration.waiting && retries < 3) {
          retries += 1;
          setTimeout(() => void wb.update(), 2000 * retries);
        }
      });
    check();
    follow(registration.installing);
    registration.addEventListener('updatefound', () => follow(registration.installing));
  };
  void wb.register().then((registration) => {
    if (!registration) return;
    watch(registration);
    // Browsers check for a new worker on navigation only now and then; an app launch should know.
    return wb.update();
  });

  const timer = setInterval(() => document.visibilityState === 'visible' && void wb.update(), UPDATE_CHECK_MS);
  onCleanup(() => clearInterval(timer));
  onCameBack(({ cause }) => cause === 'visible' && void wb.update());

  return {
    updateReady,
    applyUpdate() {
      reloadWhenControlled = true;
      wb.messageSkipWaiting();
    },
    dismissUpdate: () => setUpdateReady(false),
  };
}

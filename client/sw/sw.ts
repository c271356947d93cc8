/// <reference lib="webworker" />
// The service worker: precaches the app shell, answers navigations with index.html (never under
// /api/), keeps history in IndexedDB for offline charts, caches the wiki's item icons, shows the
// price alerts the server pushes and opens their item on a click, and leaves the price stream
// (/api/v1/prices/stream) and every other API request alone.
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { openGeDb, type GeDb } from '../db/schema';
import { answerHistory, parseHistoryRequest } from './history-route';
import { alertTarget, handleAlertPush, openAlertTarget } from './alert-push';
import { isCatalogueItem } from '../db/records';
import { ITEM_ICON_FALLBACK } from '../lib/icon-url';
import { WIKI_IMAGE_ORIGIN } from '../../shared/domain/wiki-origin';

declare const self: ServiceWorkerGlobalScope;

// Each file crosses the wire once on a first visit. Hashed assets are precached without a revision
// and fetched in the default cache mode: the page's own downloads, served immutable, answer them
// from the HTTP cache. Workbox fetches the revisioned entries (index.html, the manifest, icons)
// with `cache: 'reload'`, past the HTTP cache, which would download the page's copies again;
// `no-cache` has the server confirm them instead (a bodiless 304 for the same file) and still
// never stores a stale one.
addPlugins([
  {
    requestWillFetch: async ({ request }) =>
      request.cache === 'reload' && request.mode !== 'navigate' ? new Request(request, { cache: 'no-cache' }) : request,
  },
]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install takes over open pages at once, so the first visit already works offline.
// Later versions wait for the user's "Reload" (SKIP_WAITING below).
clientsClaim();

self.addEventListener('message', (event) => {
  if (typeof event.data === 'object' && event.data !== null && event.data.type === 'SKIP_WAITING') void self.skipWaiting();
});

registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//, /^\/metrics/] }));

let db: Promise<GeDb> | null = null;
// One connection for the worker's life; it lets go when a page opens a newer schema version.
const openDb = (): Promise<GeDb> => (db ??= openGeDb({ onVersionChange: () => (db = null) }));

registerRoute(
  ({ url, request }) => request.method === 'GET' && url.origin === self.location.origin && parseHistoryRequest(url) !== null,
  ({ request, url, event }) => {
    const query = parseHistoryRequest(url);
    if (!query) return fetch(request);
    return answerHistory(request, query, {
      openDb,
      fetch: (r) => fetch(r, { signal: AbortSignal.timeout(8000) }),
      waitUntil: (work) => event.waitUntil(work),
    });
  },
);

// Icons come from the wiki without CORS headers, so they are opaque: cached as they are, with a
// small cap because browsers count each opaque entry as far larger than it is.
registerRoute(
  ({ url }) => url.origin === WIKI_IMAGE_ORIGIN && url.pathname.startsWith('/images/'),
  new CacheFirst({
    cacheName: 'item-icons',
    plugins: [
      { cacheWillUpdate: async ({ response }) => (response.ok || response.type === 'opaque' ? response : null) },
      new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true }),
      { handlerDidError: async () => (await matchPrecache(ITEM_ICON_FALLBACK)) ?? Response.error() },
    ],
  }),
);

self.addEventListener('push', (event) => {
  event.waitUntil(
    handleAlertPush(event.data?.text() ?? null, {
      openDb,
      showNotification: (title, options) => self.registration.showNotification(title, options),
      async tellClients(message) {
        const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
        for (const page of pages) page.postMessage(message);
      },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data: unknown = event.notification.data;
  event.waitUntil(
    (async () => {
      const itemId = typeof data === 'object' && data !== null ? (data as { itemId?: unknown }).itemId : undefined;
      const item: unknown = typeof itemId === 'number' ? await openDb().then((opened) => opened.get('items', itemId)).catch(() => undefined) : undefined;
      const url = alertTarget(data, isCatalogueItem(item) ? item.name : null);
      await openAlertTarget(url, {
        windows: () => self.clients.matchAll({ type: 'window', includeUncontrolled: true }),
        openWindow: (target) => self.clients.openWindow(target),
      });
    })(),
  );
});

// Builds the client (dist/) and its service worker. The manifest lives here so the icons, colours
// and shortcuts are checked in one place (tests/e2e/install.spec.ts reads the built file).
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';
import { precompress } from './scripts/precompress';

// Matches --bg in client/styles.css: the splash screen and the status bar blend with the UI.
const THEME_COLOUR = '#14171c';

export default defineConfig({
  plugins: [
    solid(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'client/sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg}'],
        rollupFormat: 'es',
      },
      // globPatterns already precache every icon (and the plugin adds the manifest): no duplicate entries.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'GE Tracker: Grand Exchange prices',
        short_name: 'GE Tracker',
        description: 'Old School RuneScape Grand Exchange prices, margins and charts that work offline.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME_COLOUR,
        background_color: THEME_COLOUR,
        categories: ['games', 'finance', 'utilities'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        shortcuts: [
          {
            name: 'Watchlist',
            short_name: 'Watchlist',
            description: 'Your starred items',
            url: '/watchlist',
            icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
          {
            name: 'Search items',
            short_name: 'Search',
            description: 'Search every tradeable item',
            url: '/?focus=search',
            icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
          },
        ],
      },
    }),
    // After the service worker is built: brotli and gzip copies of every text file (static-files.ts).
    precompress(),
  ],
  build: {
    outDir: 'dist',
    target: 'es2022',
    emptyOutDir: true,
  },
  server: {
    // `npm run dev` serves the API on 8080; vite's dev server forwards to it.
    proxy: { '/api': 'http://localhost:8080' },
  },
});

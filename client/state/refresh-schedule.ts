// When to bring the device up to date: at start, when the network comes back, when the app is
// shown again, and every minute while it is on screen, unless `live()` says the price stream is
// already keeping it current (then the minute poll would only download the same changes again).
import { onCleanup } from 'solid-js';
import { onCameBack } from '../lib/came-back';

const INTERVAL_MS = 60_000;
const VISIBLE_AGAIN_MS = 30_000;

export function scheduleRefresh(refresh: () => Promise<void>, live: () => boolean = () => false, intervalMs = INTERVAL_MS): void {
  let last = 0;
  const run = () => {
    last = Date.now();
    void refresh();
  };
  run();
  onCameBack(({ cause }) => {
    if (cause === 'online' || Date.now() - last > VISIBLE_AGAIN_MS) run();
  });
  const timer = setInterval(() => document.visibilityState === 'visible' && !live() && run(), intervalMs);
  onCleanup(() => clearInterval(timer));
}

// A coarse "now" (unix seconds) for ages such as "12m": ticking every few seconds re-renders only
// the cells that show an age.
import { createSignal, onCleanup, type Accessor } from 'solid-js';

export function createClock(intervalMs = 15_000): Accessor<number> {
  const [now, setNow] = createSignal(Math.floor(Date.now() / 1000));
  const timer = setInterval(() => setNow(Math.floor(Date.now() / 1000)), intervalMs);
  onCleanup(() => clearInterval(timer));
  return now;
}

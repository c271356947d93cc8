// A brief highlight when a shown value changes (a live price tick). Not on first render: only a
// change the user did not cause is worth drawing the eye to.
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';

export const FLASH_MS = 1_500;

export function createFlash(value: Accessor<unknown>, ms = FLASH_MS): Accessor<boolean> {
  const [lit, setLit] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  createEffect(
    on(
      value,
      () => {
        setLit(true);
        clearTimeout(timer);
        timer = setTimeout(() => setLit(false), ms);
      },
      { defer: true },
    ),
  );
  onCleanup(() => clearTimeout(timer));
  return lit;
}

// A brief highlight when a shown value changes (a live price tick). Not on first render, nor when
// a value first appears: only a change to something already on screen draws the eye.
import { createEffect, createMemo, createSignal, on, onCleanup, type Accessor } from 'solid-js';

export const FLASH_MS = 1_500;

export function createFlash(value: Accessor<unknown>, ms = FLASH_MS): Accessor<boolean> {
  const [lit, setLit] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Through a memo: a recomputed but equal value (a redrawn row, a clock tick) is not a change.
  const current = createMemo(value);
  createEffect(
    on(
      current,
      (_now, before) => {
        // A value appearing where there was none is data arriving (the first load), not a tick.
        if (before === null || before === undefined) return;
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

import { onCleanup } from 'solid-js';

/** Adds an event listener for the life of the current reactive owner. */
export function listen(target: EventTarget, type: string, handler: (event: Event) => void): void {
  target.addEventListener(type, handler);
  onCleanup(() => target.removeEventListener(type, handler));
}

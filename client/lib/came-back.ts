// "Came back online or visible": the one place that listens for the app returning (the network is
// back, or the app is on screen again). The stream, the refresh schedule, the history catch-up and
// the update check subscribe here; each decides what a return means to it. Its counterpart,
// onWentHidden, is here too: the one place that reads the page's visibility.
import { listen } from './listen';

export interface CameBack {
  cause: 'online' | 'visible';
  /** For `visible`: how long the app was hidden (ms); 0 when this subscription never saw it hidden. */
  hiddenMs: number;
}

export interface CameBackTargets {
  window: EventTarget;
  document: EventTarget & { readonly visibilityState: DocumentVisibilityState };
}

/** Calls `handler` each time the app comes back, for the life of the current reactive owner. */
export function onCameBack(handler: (back: CameBack) => void, targets: CameBackTargets = { window, document }): void {
  let hiddenAt: number | null = null;
  listen(targets.window, 'online', () => handler({ cause: 'online', hiddenMs: 0 }));
  listen(targets.document, 'visibilitychange', () => {
    if (targets.document.visibilityState !== 'visible') {
      hiddenAt = Date.now();
      return;
    }
    const hiddenMs = hiddenAt === null ? 0 : Date.now() - hiddenAt;
    hiddenAt = null;
    handler({ cause: 'visible', hiddenMs });
  });
}

/** Calls `handler` each time the app goes off screen (hidden), for the life of the current reactive owner. */
export function onWentHidden(handler: () => void, targets: Pick<CameBackTargets, 'document'> = { document }): void {
  listen(targets.document, 'visibilitychange', () => targets.document.visibilityState !== 'visible' && handler());
}

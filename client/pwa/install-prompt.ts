// Installation: Chromium offers `beforeinstallprompt`, which we keep to show our own Install
// button; iOS Safari has no such event, so there we show Add-to-Home-Screen steps instead.
import { createSignal, type Accessor } from 'solid-js';
import { listen } from '../lib/listen';

/** Chromium's event; not in TypeScript's DOM library. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export interface InstallPrompt {
  canInstall: Accessor<boolean>;
  /** iOS in a browser tab: the steps are worth showing. */
  iosInstructions: Accessor<boolean>;
  install(): Promise<void>;
}

function isStandalone(): boolean {
  const iosStandalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return iosStandalone || window.matchMedia('(display-mode: standalone)').matches;
}

export function isIos(): boolean {
  // iPadOS reports itself as a Mac; a touch screen gives it away.
  return /iphone|ipad|ipod/i.test(navigator.userAgent) || (navigator.userAgent.includes('Macintosh') && navigator.maxTouchPoints > 1);
}

export function createInstallPrompt(onInstalled: () => void): InstallPrompt {
  const [deferred, setDeferred] = createSignal<BeforeInstallPromptEvent | null>(null);
  const [installed, setInstalled] = createSignal(isStandalone());
  listen(window, 'beforeinstallprompt', (event) => {
    // Keep Chromium's mini-infobar away; our Install button replays the prompt.
    event.preventDefault();
    setDeferred(event as BeforeInstallPromptEvent);
  });
  listen(window, 'appinstalled', () => {
    setDeferred(null);
    setInstalled(true);
    onInstalled();
  });
  return {
    canInstall: () => deferred() !== null && !installed(),
    iosInstructions: () => isIos() && !installed(),
    async install() {
      const event = deferred();
      if (!event) return;
      setDeferred(null);
      await event.prompt();
      if ((await event.userChoice).outcome === 'accepted') onInstalled();
    },
  };
}

// How numbers are shown and what a tap on one does, for every price on every screen. A context
// because a price sits many components deep; without a provider, prices are compact and copy nothing.
import { createContext, createSignal, useContext, type Accessor } from 'solid-js';
import { formatExact } from '../shared/domain/price-format';
import type { NumberFormat } from './state/device-prefs';

export interface Display {
  numbers: Accessor<NumberFormat>;
  /** Puts the exact amount on the clipboard and says so briefly. */
  copy(value: number): void;
}

const COMPACT: Display = { numbers: () => 'compact', copy: () => undefined };

export const DisplayContext = createContext<Display>(COMPACT);

export function useDisplay(): Display {
  return useContext(DisplayContext);
}

const CONFIRM_MS = 2_000;

/** The copier behind `Display.copy` and the confirmation it shows. */
export function createCopier(clipboard: Pick<Clipboard, 'writeText'> | undefined): { copy(value: number): void; message: Accessor<string | null> } {
  const [message, setMessage] = createSignal<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const say = (text: string) => {
    setMessage(text);
    clearTimeout(timer);
    timer = setTimeout(() => setMessage(null), CONFIRM_MS);
  };
  return {
    message,
    copy(value) {
      const exact = formatExact(value);
      if (!clipboard) return say(`${exact} (copying is not available here)`);
      clipboard.writeText(String(Math.round(value))).then(
        () => say(`Copied ${exact}`),
        () => say(`${exact} (the browser did not allow copying)`),
      );
    },
  };
}

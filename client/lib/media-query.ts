// A CSS media query as a signal: the table drops its icon column when the screen is narrow.
import { createSignal, type Accessor } from 'solid-js';
import { listen } from './listen';

/** Phones in portrait: below this the table starts on its four-column preset. */
export const NARROW_QUERY = '(max-width: 599px)';

export function createMediaQuery(query: string): Accessor<boolean> {
  const list = window.matchMedia(query);
  const [matches, setMatches] = createSignal(list.matches);
  listen(list, 'change', () => setMatches(list.matches));
  return matches;
}

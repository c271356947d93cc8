// The table's keyboard: / search, Enter open the first result (or the current row), j/k or the
// arrow keys move through rows, s stars, a adds an alert, ? lists the shortcuts, Esc leaves (search, row, list).
import { createSignal, type Accessor } from 'solid-js';
import type { CatalogueItem } from '../db/records';
import { listen } from '../lib/listen';

export interface TableKeysDeps {
  rows: Accessor<readonly CatalogueItem[]>;
  open(item: CatalogueItem): void;
  star(item: CatalogueItem): void;
  /** Opens the alert form for the item. */
  alert(item: CatalogueItem): void;
}

export interface TableKeys {
  /** Position of the row the keyboard is on; null: none. */
  current: Accessor<number | null>;
  help: Accessor<boolean>;
  setHelp(open: boolean): void;
}

export const SHORTCUTS: ReadonlyArray<readonly [string, string]> = [
  ['/', 'Search'],
  ['Enter', 'Open the first result, or the row you are on'],
  ['j or ↓', 'Next row'],
  ['k or ↑', 'Previous row'],
  ['s', 'Star or unstar the row you are on'],
  ['a', 'Add an alert for the row you are on'],
  ['?', 'This list'],
  ['Esc', 'Leave the search, the row or this list'],
];

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));
}

export function createTableKeys(deps: TableKeysDeps): TableKeys {
  const [current, setCurrent] = createSignal<number | null>(null);
  const [help, setHelp] = createSignal(false);
  const move = (by: number) => {
    const count = deps.rows().length;
    if (count === 0) return;
    const at = current();
    setCurrent(at === null ? (by > 0 ? 0 : count - 1) : Math.min(count - 1, Math.max(0, at + by)));
  };
  const row = () => {
    const at = current();
    return at === null ? undefined : deps.rows()[at];
  };
  listen(document, 'keydown', (event) => {
    if (!(event instanceof KeyboardEvent) || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type === 'search') {
      const first = deps.rows()[0];
      if (event.key === 'Enter' && first) deps.open(first);
      else if (event.key === 'Escape') target.blur();
      else if (event.key === 'ArrowDown') { target.blur(); setCurrent(null); move(1); }
      else return;
      event.preventDefault();
      return;
    }
    if (typing(target) || help()) return;
    const handled = (() => {
      switch (event.key) {
        case '/': document.querySelector<HTMLInputElement>('input[type="search"]')?.focus(); return true;
        case 'j': case 'ArrowDown': move(1); return true;
        case 'k': case 'ArrowUp': move(-1); return true;
        case 's': { const item = row(); if (item) deps.star(item); return item !== undefined; }
        case 'a': { const item = row(); if (item) deps.alert(item); return item !== undefined; }
        case '?': setHelp(true); return true;
        case 'Escape': setCurrent(null); return true;
        case 'Enter': {
          // A focused link or button does its own thing with Enter.
          if (target instanceof HTMLAnchorElement || target instanceof HTMLButtonElement) return false;
          const item = row();
          if (item) deps.open(item);
          return item !== undefined;
        }
        default: return false;
      }
    })();
    if (handled) event.preventDefault();
  });
  return { current, help, setHelp };
}

// Which rows of a long list are in view: the window a virtualised table renders. Also tells when
// the user is scrolling, so work that can wait (icon downloads) waits for the scroll to settle.
import { createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';

export interface RowWindow {
  /** Give it the scrolling element. */
  attach(element: HTMLElement): void;
  onScroll(): void;
  scrollToTop(): void;
  /** Scrolls just enough for row `index` to be in view below the sticky header. */
  scrollToRow(index: number): void;
  first: Accessor<number>;
  last: Accessor<number>;
  scrolling: Accessor<boolean>;
}

const SETTLE_MS = 150;

export function createRowWindow(count: Accessor<number>, rowHeight: number, overscan: number): RowWindow {
  let element: HTMLElement | undefined;
  let settle: ReturnType<typeof setTimeout> | undefined;
  const [scrollTop, setScrollTop] = createSignal(0);
  const [viewport, setViewport] = createSignal(900);
  const [scrolling, setScrolling] = createSignal(false);
  const observer = new ResizeObserver(() => setViewport(element?.clientHeight ?? 900));
  onCleanup(() => {
    observer.disconnect();
    clearTimeout(settle);
  });
  return {
    attach(target) {
      element = target;
      observer.observe(target);
    },
    onScroll() {
      setScrollTop(element?.scrollTop ?? 0);
      setScrolling(true);
      clearTimeout(settle);
      settle = setTimeout(() => setScrolling(false), SETTLE_MS);
    },
    scrollToTop() {
      if (element) element.scrollTop = 0;
      setScrollTop(0);
    },
    scrollToRow(index) {
      if (!element) return;
      // The sticky header row is one row tall: a row hidden under it is not in view.
      const top = (index + 1) * rowHeight;
      if (top - rowHeight < element.scrollTop) element.scrollTop = top - rowHeight;
      else if (top + rowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + rowHeight - element.clientHeight;
      setScrollTop(element.scrollTop);
    },
    first: createMemo(() => Math.max(0, Math.floor(scrollTop() / rowHeight) - overscan)),
    last: createMemo(() => Math.min(count(), Math.ceil((scrollTop() + viewport()) / rowHeight) + overscan)),
    scrolling,
  };
}

// The item table: a real <table> (row headers, aria-sort, aria-rowcount/rowindex), virtualised so
// only the rows in view (plus a margin) exist in the DOM, which keeps 4,500 rows smooth on a phone.
import { createEffect, createMemo, createSignal, For, on, onCleanup, onMount, type JSX } from 'solid-js';
import type { CatalogueItem } from '../db/records';
import type { PriceMap } from '../state/prices-store';
import type { SortDir, SortKey } from '../table/table-query';
import { COLUMNS } from '../table/columns';
import { ItemRow } from './item-row';
import { SortHeader } from './sort-header';

const ROW_HEIGHT = 48; // matches --row-height
const OVERSCAN = 10;

export interface ItemTableProps {
  label: string;
  rows: readonly CatalogueItem[];
  prices: PriceMap;
  now: number;
  watchlist: ReadonlySet<number>;
  sort: SortKey | null;
  dir: SortDir;
  onSort: (key: SortKey) => void;
  onToggleStar: (item: CatalogueItem) => void;
  /** Changes when the user asks for a different view; scrolls back to the top. */
  resetKey?: string;
  /** Shown in place of rows when there are none. */
  empty: JSX.Element;
}

export function ItemTable(props: ItemTableProps) {
  let scroller: HTMLDivElement | undefined;
  const [scrollTop, setScrollTop] = createSignal(0);
  const [viewport, setViewport] = createSignal(900);
  const first = createMemo(() => Math.max(0, Math.floor(scrollTop() / ROW_HEIGHT) - OVERSCAN));
  const last = createMemo(() => Math.min(props.rows.length, Math.ceil((scrollTop() + viewport()) / ROW_HEIGHT) + OVERSCAN));
  const visible = createMemo(() => props.rows.slice(first(), last()));

  onMount(() => {
    if (!scroller) return;
    const observer = new ResizeObserver(() => setViewport(scroller?.clientHeight ?? 900));
    observer.observe(scroller);
    onCleanup(() => observer.disconnect());
  });
  createEffect(
    on(
      () => props.resetKey,
      () => {
        if (scroller) scroller.scrollTop = 0;
        setScrollTop(0);
      },
      { defer: true },
    ),
  );
  let marked = false;
  createEffect(() => {
    if (marked || visible().length === 0) return;
    marked = true;
    // Read by bench/pwa.bench.ts: the moment the first rows are on screen.
    requestAnimationFrame(() => performance.mark('ge:first-rows'));
  });

  return (
    <div class="table-scroll" ref={scroller} tabindex="0" role="region" aria-label={props.label} onScroll={() => setScrollTop(scroller?.scrollTop ?? 0)}>
      <table class="items" aria-rowcount={props.rows.length + 1}>
        <caption class="visually-hidden">{props.label}</caption>
        <thead>
          <SortHeader sort={props.sort} dir={props.dir} onSort={props.onSort} />
        </thead>
        <tbody>
          <tr class="spacer" aria-hidden="true">
            <td colSpan={COLUMNS.length} style={{ height: `${first() * ROW_HEIGHT}px` }} />
          </tr>
          <For each={visible()} fallback={<tr><td colSpan={COLUMNS.length} style={{ 'text-align': 'left' }}>{props.empty}</td></tr>}>
            {(item, index) => (
              <ItemRow
                item={item}
                price={props.prices[item.id]}
                now={props.now}
                rowIndex={first() + index() + 2}
                starred={props.watchlist.has(item.id)}
                onToggleStar={props.onToggleStar}
              />
            )}
          </For>
          <tr class="spacer" aria-hidden="true">
            <td colSpan={COLUMNS.length} style={{ height: `${(props.rows.length - last()) * ROW_HEIGHT}px` }} />
          </tr>
        </tbody>
      </table>
    </div>
  );
}

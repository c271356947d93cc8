// The item table: a real <table> (row headers, aria-sort, aria-rowcount/rowindex), virtualised so
// only the rows in view (plus a margin) exist in the DOM, which keeps 4,500 rows smooth on a phone.
import { createEffect, createMemo, For, on, type JSX } from 'solid-js';
import { createRowWindow } from '../lib/create-row-window';
import type { CatalogueItem, HourRecord } from '../db/records';
import type { PriceMap } from '../state/prices-store';
import type { SortDir, SortKey } from '../table/sort-keys';
import { tableWidth, type Column } from '../table/columns';
import { ItemRow } from './item-row';
import { SortHeader } from './sort-header';

const ROW_HEIGHT = 48; // matches --row-height
const OVERSCAN = 10;

export interface ItemTableProps {
  label: string;
  columns: readonly Column[];
  rows: readonly CatalogueItem[];
  prices: PriceMap;
  now: number;
  /** Seconds without a trade after which a leg is stale (the server's STALE_AFTER). */
  staleAfter: number;
  watchlist: ReadonlySet<number>;
  /** Per item, its bucket of the newest 1h window (the "unstable" flag). */
  hourly: ReadonlyMap<number, HourRecord>;
  /** The "Left" column's text for an item. */
  limitLeft: (item: CatalogueItem) => string;
  sort: SortKey | null;
  dir: SortDir;
  onSort: (key: SortKey) => void;
  onToggleStar: (item: CatalogueItem) => void;
  /** The row the keyboard is on (j/k), by position; kept in view. */
  current?: number | null;
  /** Changes when the user asks for a different view; scrolls back to the top. */
  resetKey?: string;
  /** Shown in place of rows when there are none. */
  empty: JSX.Element;
  /** Exact amounts on a narrow screen: smaller type, and an amount may take two lines of its row. */
  tight?: boolean;
}

export function ItemTable(props: ItemTableProps) {
  const rowWindow = createRowWindow(() => props.rows.length, ROW_HEIGHT, OVERSCAN);
  const { first, last } = rowWindow;
  const visible = createMemo(() => props.rows.slice(first(), last()));
  createEffect(on(() => props.resetKey, rowWindow.scrollToTop, { defer: true }));
  createEffect(on(() => props.current, (index) => index != null && rowWindow.scrollToRow(index), { defer: true }));
  let marked = false;
  createEffect(() => {
    if (marked || visible().length === 0) return;
    marked = true;
    // Read by bench/pwa.bench.ts: the moment the first rows are on screen.
    requestAnimationFrame(() => performance.mark('ge:first-rows'));
  });

  return (
    <div class="table-scroll" ref={rowWindow.attach} tabindex="0" role="region" aria-label={props.label} onScroll={rowWindow.onScroll}>
      <table class={props.tight ? 'items tight' : 'items'} aria-rowcount={props.rows.length + 1} style={{ width: `max(100%, ${tableWidth(props.columns)}px)` }}>
        <caption class="visually-hidden">{props.label}</caption>
        <colgroup>
          {/* The name column has no width: it takes what the others leave. */}
          <For each={props.columns}>{(column) => <col class={`col-${column.id}`} style={column.id === 'name' ? undefined : { width: `${column.width}px` }} />}</For>
        </colgroup>
        <thead>
          <SortHeader columns={props.columns} sort={props.sort} dir={props.dir} onSort={props.onSort} />
        </thead>
        <tbody>
          <tr class="spacer" aria-hidden="true">
            <td colSpan={props.columns.length} style={{ height: `${first() * ROW_HEIGHT}px` }} />
          </tr>
          <For each={visible()} fallback={<tr><td colSpan={props.columns.length} style={{ 'text-align': 'left' }}>{props.empty}</td></tr>}>
            {(item, index) => (
              <ItemRow
                item={item}
                price={props.prices[item.id]}
                hour={props.hourly.get(item.id)}
                columns={props.columns}
                now={props.now}
                staleAfter={props.staleAfter}
                rowIndex={first() + index() + 2}
                starred={props.watchlist.has(item.id)}
                limitLeft={props.limitLeft(item)}
                holdIcon={rowWindow.scrolling()}
                current={props.current === first() + index()}
                onToggleStar={props.onToggleStar}
              />
            )}
          </For>
          <tr class="spacer" aria-hidden="true">
            <td colSpan={props.columns.length} style={{ height: `${(props.rows.length - last()) * ROW_HEIGHT}px` }} />
          </tr>
        </tbody>
      </table>
    </div>
  );
}

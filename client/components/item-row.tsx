// One table row, one cell per shown column. Reads its price from the store, so a live change to
// this item redraws these cells and nothing else.
import { createMemo, For } from 'solid-js';
import type { CatalogueItem, HourRecord, PriceRecord } from '../db/records';
import type { Column } from '../table/columns';
import { tradeFiguresOf } from '../table/row-figures';
import { RowCell, type RowContext } from './row-cells';

export interface ItemRowProps {
  item: CatalogueItem;
  price: PriceRecord | undefined;
  /** The item's bucket of the newest 1h window, if the device holds one. */
  hour: HourRecord | undefined;
  columns: readonly Column[];
  now: number;
  /** Seconds without a trade after which a leg is stale (the server's STALE_AFTER). */
  staleAfter: number;
  rowIndex: number;
  starred: boolean;
  /** The buy limit left now, from the journal ("?" when unknown). */
  limitLeft: string;
  /** The table is being scrolled: rows flying past do not start icon downloads. */
  holdIcon: boolean;
  /** The row the keyboard is on (j/k). */
  current: boolean;
  onToggleStar: (item: CatalogueItem) => void;
}

export function ItemRow(props: ItemRowProps) {
  const figures = createMemo(() => tradeFiguresOf(props.item, props.price, props.now, props.staleAfter, props.hour));
  const row: RowContext = {
    get item() { return props.item; },
    get price() { return props.price; },
    get figures() { return figures(); },
    get now() { return props.now; },
    get staleAfter() { return props.staleAfter; },
    get starred() { return props.starred; },
    get limitLeft() { return props.limitLeft; },
    get holdIcon() { return props.holdIcon; },
    onToggleStar: (item) => props.onToggleStar(item),
  };
  return (
    <tr aria-rowindex={props.rowIndex} class={props.current ? 'row-current' : undefined} data-item-id={props.item.id}>
      <For each={props.columns}>{(column) => <RowCell column={column.id} row={row} />}</For>
    </tr>
  );
}

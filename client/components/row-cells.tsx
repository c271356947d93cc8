// One cell per column id (client/table/columns.ts): what a row shows in each column.
import { A } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { UNSTABLE_OFF_AVERAGE } from '../../shared/domain/market-flags';
import { formatPercent, formatPrice } from '../../shared/domain/price-format';
import type { CatalogueItem, PriceRecord } from '../db/records';
import { alertPath, itemPath } from '../lib/item-path';
import type { ColumnId } from '../table/columns';
import type { TradeFigures } from '../table/row-figures';
import { ItemIcon } from './item-icon';
import { isStaleLeg, LegAgeCell, StaleMark } from './leg-age';
import { Price } from './price';
import { StarButton } from './star-button';

export interface RowContext {
  item: CatalogueItem;
  price: PriceRecord | undefined;
  figures: TradeFigures;
  now: number;
  staleAfter: number;
  starred: boolean;
  /** The buy limit left now, from the journal ("?" when unknown). */
  limitLeft: string;
  holdIcon: boolean;
  onToggleStar: (item: CatalogueItem) => void;
}

function LegPrice(props: { class: string; value: number | null | undefined; time: number | null | undefined; row: RowContext }) {
  return (
    <td class={props.class}>
      <Price value={props.value} />
      <Show when={isStaleLeg(props.time, props.row.now, props.row.staleAfter)}>
        <StaleMark staleAfter={props.row.staleAfter} short />
      </Show>
    </td>
  );
}

const count = (value: number | null) => (value === null ? '–' : value.toLocaleString('en-GB'));

export function RowCell(props: { column: ColumnId; row: RowContext }): JSX.Element {
  const r = props.row;
  const cls = `col-${props.column}`;
  switch (props.column) {
    case 'star':
      return <td class={cls}><StarButton name={r.item.name} starred={r.starred} onToggle={() => r.onToggleStar(r.item)} /></td>;
    case 'alert':
      return (
        <td class={cls}>
          <A href={alertPath(r.item.id)} class="star" aria-label={`Add alert for ${r.item.name}`} title="Add a price alert">
            <span aria-hidden="true">🔔</span>
          </A>
        </td>
      );
    case 'icon':
      return <td class={cls}><ItemIcon icon={r.item.icon} hold={r.holdIcon} /></td>;
    case 'name':
      return <th scope="row" class="col-name"><A href={itemPath(r.item)}>{r.item.name}</A></th>;
    case 'low':
      return <LegPrice class={cls} value={r.price?.low} time={r.price?.lowTime} row={r} />;
    case 'high':
      return <LegPrice class={cls} value={r.price?.high} time={r.price?.highTime} row={r} />;
    case 'margin':
      // Coloured by the profit after tax: a margin the tax eats is not green.
      return (
        <td class={cls}>
          <Price value={r.figures.margin} signed toneOf={r.figures.profit} />
          <Show when={r.figures.inverted}>
            <span class="flag" title="Inverted: sell below buy, the two legs traded at different times">
              <span aria-hidden="true">⇅</span>
              <span class="visually-hidden">inverted</span>
            </span>
          </Show>
          <Show when={r.figures.unstable}>
            <span class="flag" title={`Unstable: a latest price is more than ${UNSTABLE_OFF_AVERAGE * 100}% off its 1-hour average`}>
              <span aria-hidden="true">≁</span>
              <span class="visually-hidden">unstable</span>
            </span>
          </Show>
        </td>
      );
    case 'tax': return <td class={cls}><Price value={r.figures.tax} /></td>;
    case 'profit': return <td class={cls}><Price value={r.figures.profit} signed /></td>;
    case 'roi': return <td class={cls}>{formatPercent(r.figures.roi)}</td>;
    case 'limit': return <td class={cls}>{count(r.item.limit)}</td>;
    case 'limitLeft': return <td class={cls}>{r.limitLeft}</td>;
    case 'potential': return <td class={cls}><Price value={r.figures.potential} signed /></td>;
    case 'potentialVolume': return <td class={cls}><Price value={r.figures.potentialVolume} signed /></td>;
    case 'volume': return <td class={cls}>{formatPrice(r.item.volume24h)}</td>;
    case 'marginVolume': return <td class={cls}><Price value={r.figures.marginVolume} signed toneOf={r.figures.profit} /></td>;
    case 'lowAge': return <LegAgeCell class={cls} time={r.price?.lowTime} now={r.now} staleAfter={r.staleAfter} />;
    case 'highAge': return <LegAgeCell class={cls} time={r.price?.highTime} now={r.now} staleAfter={r.staleAfter} />;
    case 'highalch': return <td class={cls}><Price value={r.item.highalch} /></td>;
    case 'alchProfit': return <td class={cls}><Price value={r.figures.alchProfit} signed /></td>;
  }
}

// One table row. Reads its price from the store, so a live change to this item redraws these
// cells and nothing else.
import { A } from '@solidjs/router';
import { createMemo, Show } from 'solid-js';
import { formatAge, formatPercent, formatPrice } from '../../shared/domain/price-format';
import type { CatalogueItem, PriceRecord } from '../db/records';
import { itemPath } from '../lib/item-path';
import { describeStaleAfter, figuresOf } from '../table/select-rows';
import { ItemIcon } from './item-icon';
import { Price } from './price';
import { StarButton } from './star-button';

export interface ItemRowProps {
  item: CatalogueItem;
  price: PriceRecord | undefined;
  now: number;
  /** Seconds without a trade after which a leg is stale (the server's STALE_AFTER). */
  staleAfter: number;
  rowIndex: number;
  starred: boolean;
  /** The table is being scrolled: rows flying past do not start icon downloads. */
  holdIcon: boolean;
  onToggleStar: (item: CatalogueItem) => void;
}

function LegAge(props: { time: number | null | undefined; now: number; staleAfter: number }) {
  const stale = () => props.time == null || props.now - props.time > props.staleAfter;
  return (
    <td class={stale() ? 'stale' : undefined} title={stale() ? `Stale: no trade for over ${describeStaleAfter(props.staleAfter)}` : undefined}>
      {formatAge(props.time, props.now)}
      <Show when={stale() && props.time != null}>
        <span class="visually-hidden"> (stale)</span>
      </Show>
    </td>
  );
}

export function ItemRow(props: ItemRowProps) {
  const figures = createMemo(() => figuresOf(props.item, props.price, props.now, props.staleAfter));
  return (
    <tr aria-rowindex={props.rowIndex} class={figures().stale ? 'row-stale' : undefined}>
      <td class="col-star">
        <StarButton name={props.item.name} starred={props.starred} onToggle={() => props.onToggleStar(props.item)} />
      </td>
      <td class="col-icon">
        <ItemIcon icon={props.item.icon} hold={props.holdIcon} />
      </td>
      <th scope="row" class="col-name">
        <A href={itemPath(props.item)}>{props.item.name}</A>
      </th>
      <td><Price value={props.price?.low} /></td>
      <td><Price value={props.price?.high} /></td>
      <td>
        <Price value={figures().margin} signed />
        <Show when={figures().inverted}>
          <span class="flag" title="Inverted: sell below buy, the two legs traded at different times">
            <span aria-hidden="true">⇅</span>
            <span class="visually-hidden">inverted</span>
          </span>
        </Show>
      </td>
      <td><Price value={figures().tax} /></td>
      <td><Price value={figures().profit} signed /></td>
      <td>{formatPercent(figures().roi)}</td>
      <td>{props.item.limit === null ? '–' : props.item.limit.toLocaleString('en-GB')}</td>
      <td>{formatPrice(props.item.volume24h)}</td>
      <LegAge time={props.price?.lowTime} now={props.now} staleAfter={props.staleAfter} />
      <LegAge time={props.price?.highTime} now={props.now} staleAfter={props.staleAfter} />
      <td><Price value={props.item.highalch} /></td>
    </tr>
  );
}

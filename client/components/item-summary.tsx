import { Show } from 'solid-js';
import type { CatalogueItem, PriceRecord } from '../db/records';
import { ItemIcon } from './item-icon';
import { Ago, isStaleLeg, StaleMark } from './leg-age';
import { Price } from './price';
import { StarButton } from './star-button';

function Leg(props: { label: string; hint: string; value: number | null | undefined; time: number | null | undefined; now: number; staleAfter: number }) {
  const stale = () => isStaleLeg(props.time, props.now, props.staleAfter);
  return (
    <div class="leg">
      <div class="label" title={props.hint}>{props.label}</div>
      <div class="value">
        <Price value={props.value} full />
      </div>
      <div class="age">
        <Show when={props.time != null} fallback="never traded">
          <Ago time={props.time} now={props.now} />
        </Show>
        <Show when={stale()}>
          <StaleMark staleAfter={props.staleAfter} />
        </Show>
      </div>
    </div>
  );
}

export interface ItemSummaryProps {
  item: CatalogueItem;
  price: PriceRecord | undefined;
  now: number;
  /** Seconds without a trade after which a leg is stale (the server's STALE_AFTER). */
  staleAfter: number;
  starred: boolean;
  inverted: boolean;
  onToggleStar: () => void;
}

export function ItemSummary(props: ItemSummaryProps) {
  return (
    <section aria-labelledby="item-name" style={{ display: 'grid', gap: '10px' }}>
      <div class="item-title">
        <ItemIcon icon={props.item.icon} size={36} />
        <h1 id="item-name">{props.item.name}</h1>
        <Show when={props.item.members}>
          <span class="badge" title="Members only">M</span>
        </Show>
        <StarButton name={props.item.name} starred={props.starred} onToggle={props.onToggleStar} />
      </div>
      <div class="legs">
        <Leg label="Buy" hint="Latest instant-sell price (low)" value={props.price?.low} time={props.price?.lowTime} now={props.now} staleAfter={props.staleAfter} />
        <Leg label="Sell" hint="Latest instant-buy price (high)" value={props.price?.high} time={props.price?.highTime} now={props.now} staleAfter={props.staleAfter} />
      </div>
      <Show when={props.inverted}>
        <p class="notice">Sell is below buy: the two prices traded at different times, so the margin is negative for now.</p>
      </Show>
    </section>
  );
}

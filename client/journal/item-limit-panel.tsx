// The item page's journal corner: the item's open buy-limit windows and a link to log a trade.
import { A } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { openLimitWindows } from '../../shared/domain/journal-limits';
import type { Trade } from '../../shared/domain/journal-trade';
import type { CatalogueItem } from '../db/records';
import { LimitAlertsNote, LimitCountdown } from './limit-countdown';

export interface ItemLimitPanelProps {
  item: CatalogueItem;
  trades: readonly Trade[];
  now: number;
}

export function ItemLimitPanel(props: ItemLimitPanelProps) {
  const windows = createMemo(() =>
    openLimitWindows(
      props.trades.filter((trade) => trade.itemId === props.item.id),
      () => props.item.limit,
      props.now,
    ),
  );
  return (
    <section class="journal-section" aria-labelledby="limit-title">
      <h2 id="limit-title">Buy limit</h2>
      <Show when={windows().length > 0} fallback={<p class="muted" style={{ margin: 0 }}>Limit {props.item.limit?.toLocaleString('en-GB') ?? '?'} per 4 hours: no window open.</p>}>
        <For each={windows()}>{(window) => <LimitCountdown window={window} />}</For>
        <LimitAlertsNote />
      </Show>
      <A href={`/journal?item=${props.item.id}`}>Log a trade</A>
    </section>
  );
}

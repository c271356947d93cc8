// One side of the movers: item, change, the averages it moved between and the volume behind it.
import { A } from '@solidjs/router';
import { For } from 'solid-js';
import type { Mover } from '../../shared/domain/movers';
import { formatPercent, formatPrice } from '../../shared/domain/price-format';
import { itemPath } from '../lib/item-path';

export function MoverList(props: { label: string; movers: readonly Mover[]; nameOf: (itemId: number) => string }) {
  return (
    <section class="journal-section" aria-label={props.label}>
      <h2>{props.label}</h2>
      <ol class="trade-list">
        <For each={props.movers} fallback={<li class="muted">None with enough volume.</li>}>
          {(mover) => (
            <li>
              <A href={itemPath({ id: mover.itemId, name: props.nameOf(mover.itemId) })}>{props.nameOf(mover.itemId)}</A>
              <span class={mover.change >= 0 ? 'pos' : 'neg'}>
                {mover.change >= 0 ? '+' : ''}
                {formatPercent(mover.change)}
              </span>
              <span class="muted">
                {formatPrice(mover.startPrice)} → {formatPrice(mover.endPrice)} · {formatPrice(mover.volume)} traded
              </span>
            </li>
          )}
        </For>
      </ol>
    </section>
  );
}

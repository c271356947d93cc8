// The journal's entries, newest first, each with edit and delete; a sell with nothing bought
// before it to match is flagged (its profit is unknown and not counted).
import { For, Show } from 'solid-js';
import { formatExact } from '../../shared/domain/price-format';
import type { Trade } from '../../shared/domain/journal-trade';
import { EntryActions } from '../components/entry-form';

export interface TradeListProps {
  trades: readonly Trade[];
  nameOf: (itemId: number) => string;
  /** Sell id -> items sold with no buy to match. */
  unmatched: ReadonlyMap<string, number>;
  onEdit: (trade: Trade) => void;
  onDelete: (trade: Trade) => void;
}

function when(time: number): string {
  return new Date(time * 1000).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function TradeList(props: TradeListProps) {
  const newestFirst = () => [...props.trades].sort((a, b) => b.time - a.time);
  return (
    <ul class="trade-list" aria-label="Trades">
      <For each={newestFirst()} fallback={<li class="muted">No trades logged yet.</li>}>
        {(trade) => {
          const label = () => `${trade.side === 'buy' ? 'Bought' : 'Sold'} ${trade.quantity.toLocaleString('en-GB')} × ${props.nameOf(trade.itemId)}`;
          return (
            <li aria-label={label()}>
              <div>
                <strong>{label()}</strong> at {formatExact(trade.price)}
                <Show when={props.unmatched.get(trade.id)}>{(left) => <span class="flag">{left()} unmatched: no buy logged before it</span>}</Show>
              </div>
              <div class="muted">
                {when(trade.time)}
                <Show when={trade.account}>{(account) => <> · {account()}</>}</Show>
              </div>
              <EntryActions label={label()} onEdit={() => props.onEdit(trade)} onDelete={() => props.onDelete(trade)} />
            </li>
          );
        }}
      </For>
    </ul>
  );
}

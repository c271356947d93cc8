// Realised profit after tax: in total, per item, per day, and the latest flips.
import { For, Show } from 'solid-js';
import { formatExact } from '../../shared/domain/price-format';
import { JournalTable } from './journal-table';
import { dayOf, sumFlips, totalProfit, type Flip, type ProfitTotal } from '../../shared/domain/journal-profit';

export interface ProfitSummaryProps {
  flips: readonly Flip[];
  nameOf: (itemId: number) => string;
}

function Gp(props: { value: number }) {
  return <span class={props.value > 0 ? 'pos' : props.value < 0 ? 'neg' : ''}>{formatExact(props.value)}</span>;
}

function Totals(props: { title: string; rows: ReadonlyArray<readonly [string, ProfitTotal]> }) {
  return (
    <JournalTable label={props.title} columns={[props.title, 'Profit', 'Tax']}>
      <For each={props.rows}>
          {([label, total]) => (
            <tr>
              <th scope="row">{label}</th>
              <td>
                <Gp value={total.profit} />
              </td>
              <td>{formatExact(total.tax)}</td>
            </tr>
          )}
      </For>
    </JournalTable>
  );
}

export function ProfitSummary(props: ProfitSummaryProps) {
  const total = () => totalProfit(props.flips);
  const items = () => [...sumFlips(props.flips, (flip) => flip.itemId)].map(([id, sum]) => [props.nameOf(id), sum] as const).sort((a, b) => b[1].profit - a[1].profit);
  const days = () => [...sumFlips(props.flips, (flip) => dayOf(flip.soldAt))].sort((a, b) => (a[0] < b[0] ? 1 : -1));
  const latest = () => [...props.flips].sort((a, b) => b.soldAt - a.soldAt).slice(0, 20);
  return (
    <section class="journal-section" aria-labelledby="profit-title">
      <h2 id="profit-title">Profit after tax</h2>
      <p class="journal-total" role="status" aria-label="Total profit">
        Total: <Gp value={total().profit} /> from {total().flips} {total().flips === 1 ? 'flip' : 'flips'}, {formatExact(total().tax)} tax paid
      </p>
      <Show when={props.flips.length > 0}>
        <Totals title="Per item" rows={items()} />
        <Totals title="Per day" rows={days()} />
        <Totals title="Latest flips" rows={latest().map((flip) => [`${flip.quantity} × ${props.nameOf(flip.itemId)}: ${formatExact(flip.buyPrice)} → ${formatExact(flip.sellPrice)}`, { profit: flip.profit, tax: flip.tax, quantity: flip.quantity, flips: 1 }] as const)} />
      </Show>
    </section>
  );
}

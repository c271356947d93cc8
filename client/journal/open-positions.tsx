// Items still held: cost, what they would bring now after tax (unrealised), time held.
import { For, Show } from 'solid-js';
import { formatAge, formatExact } from '../../shared/domain/price-format';
import { JournalTable } from './journal-table';
import type { OpenPosition } from '../../shared/domain/journal-profit';

export interface OpenPositionsProps {
  positions: readonly OpenPosition[];
  nameOf: (itemId: number) => string;
  now: number;
}

export function OpenPositions(props: OpenPositionsProps) {
  return (
    <Show when={props.positions.length > 0}>
      <section class="journal-section" aria-labelledby="open-title">
        <h2 id="open-title">Open positions</h2>
        <JournalTable label="Open positions" columns={['Item', 'Cost', 'Unrealised', 'Held']}>
            <For each={props.positions}>
              {(position) => (
                <tr>
                  <th scope="row">
                    {position.quantity.toLocaleString('en-GB')} × {props.nameOf(position.itemId)}
                    <Show when={position.account}>{(account) => <span class="muted"> ({account()})</span>}</Show>
                  </th>
                  <td>{formatExact(position.cost)}</td>
                  <td class={(position.unrealised ?? 0) >= 0 ? 'pos' : 'neg'}>{position.unrealised === null ? 'no price' : formatExact(position.unrealised)}</td>
                  <td>{formatAge(position.heldSince, props.now)}</td>
                </tr>
              )}
            </For>
        </JournalTable>
      </section>
    </Show>
  );
}

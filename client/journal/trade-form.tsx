// The form that logs or edits a trade. It shows the draft and reports edits; the page decides
// the pre-filled price, reads the draft and runs the misclick check.
import { For, Show } from 'solid-js';
import type { TradeDraft } from './trade-draft';
import { EntryForm, ItemNameField } from '../components/entry-form';

export interface TradeFormProps {
  draft: TradeDraft;
  itemNames: readonly string[];
  error: string | null;
  /** The misclick check's gentle warning: shown, never blocking. */
  warning: string | null;
  onChange: (change: Partial<TradeDraft>) => void;
  onSubmit: () => Promise<void>;
  onCancel: () => void;
}

export function TradeForm(props: TradeFormProps) {
  const editing = () => props.draft.id !== null;
  return (
    <EntryForm
      class="trade-form"
      label={editing() ? 'Edit trade' : 'Log a trade'}
      error={props.error}
      submitLabel={editing() ? 'Save changes' : props.draft.side === 'buy' ? 'Log buy' : 'Log sell'}
      editing={editing()}
      onSubmit={props.onSubmit}
      onCancel={props.onCancel}
    >
      <ItemNameField listId="journal-item-names" value={props.draft.itemName} names={props.itemNames} onChange={(itemName) => props.onChange({ itemName })} />
      <fieldset class="segmented" aria-label="Side">
        <For each={['buy', 'sell'] as const}>
          {(side) => (
            <label>
              <input type="radio" name="side" value={side} checked={props.draft.side === side} onChange={() => props.onChange({ side })} />
              {side === 'buy' ? 'Bought' : 'Sold'}
            </label>
          )}
        </For>
      </fieldset>
      <label>
        Quantity
        <input inputmode="decimal" autocomplete="off" placeholder="e.g. 100 or 1.5k" value={props.draft.quantity} onInput={(event) => props.onChange({ quantity: event.currentTarget.value })} />
      </label>
      <label>
        Price each
        <input inputmode="decimal" autocomplete="off" placeholder="e.g. 250k or 1.5m" value={props.draft.price} onInput={(event) => props.onChange({ price: event.currentTarget.value })} />
      </label>
      <label>
        Time
        <input type="datetime-local" step="1" value={props.draft.time} onInput={(event) => props.onChange({ time: event.currentTarget.value })} />
      </label>
      <label>
        Account (optional)
        <input autocomplete="off" value={props.draft.account} onInput={(event) => props.onChange({ account: event.currentTarget.value })} />
      </label>
      <Show when={props.warning}>{(text) => <p class="banner" role="status">{text()}</p>}</Show>
    </EntryForm>
  );
}

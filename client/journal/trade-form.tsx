// The form that logs or edits a trade. It shows the draft and reports edits; the page decides
// the pre-filled price, reads the draft and runs the misclick check.
import { For, Show } from 'solid-js';
import type { TradeDraft } from './trade-draft';

export interface TradeFormProps {
  draft: TradeDraft;
  itemNames: readonly string[];
  error: string | null;
  /** The misclick check's gentle warning: shown, never blocking. */
  warning: string | null;
  onChange: (change: Partial<TradeDraft>) => void;
  onSubmit: () => void;
  onCancel: () => void;
}

export function TradeForm(props: TradeFormProps) {
  const editing = () => props.draft.id !== null;
  return (
    <form
      class="trade-form"
      aria-label={editing() ? 'Edit trade' : 'Log a trade'}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      <label>
        Item
        <input list="journal-item-names" autocomplete="off" value={props.draft.itemName} onChange={(event) => props.onChange({ itemName: event.currentTarget.value })} />
      </label>
      <datalist id="journal-item-names">
        <For each={props.itemNames}>{(name) => <option value={name} />}</For>
      </datalist>
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
      <Show when={props.error}>{(text) => <p class="banner" role="alert">{text()}</p>}</Show>
      <div class="form-actions">
        <button type="submit">{editing() ? 'Save changes' : props.draft.side === 'buy' ? 'Log buy' : 'Log sell'}</button>
        <Show when={editing()}>
          <button type="button" onClick={() => props.onCancel()}>
            Cancel
          </button>
        </Show>
      </div>
    </form>
  );
}

// The frame of a form that adds or edits one entry (a trade, an alert): submit without a page load,
// an item name field with the catalogue's names, the error, and submit / cancel.
import { For, Show, type JSX } from 'solid-js';

export interface EntryFormProps {
  label: string;
  class: string;
  error: string | null;
  submitLabel: string;
  /** Editing an entry: a Cancel button goes back to adding. */
  editing: boolean;
  onSubmit: () => void;
  onCancel: () => void;
  children: JSX.Element;
}

export function EntryForm(props: EntryFormProps) {
  return (
    <form
      class={props.class}
      aria-label={props.label}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      {props.children}
      <Show when={props.error}>{(text) => <p class="banner" role="alert">{text()}</p>}</Show>
      <div class="form-actions">
        <button type="submit">{props.submitLabel}</button>
        <Show when={props.editing}>
          <button type="button" onClick={() => props.onCancel()}>
            Cancel
          </button>
        </Show>
      </div>
    </form>
  );
}

export function ItemNameField(props: { listId: string; value: string; names: readonly string[]; onChange: (name: string) => void }) {
  return (
    <>
      <label>
        Item
        <input list={props.listId} autocomplete="off" value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)} />
      </label>
      <datalist id={props.listId}>
        <For each={props.names}>{(name) => <option value={name} />}</For>
      </datalist>
    </>
  );
}

/** Edit and Delete for one entry of a list; `label` names the entry for assistive tech. */
export function EntryActions(props: { label: string; onEdit: () => void; onDelete: () => void; children?: JSX.Element }) {
  return (
    <div class="form-actions">
      {props.children}
      <button type="button" onClick={() => props.onEdit()} aria-label={`Edit: ${props.label}`}>
        Edit
      </button>
      <button type="button" onClick={() => props.onDelete()} aria-label={`Delete: ${props.label}`}>
        Delete
      </button>
    </div>
  );
}

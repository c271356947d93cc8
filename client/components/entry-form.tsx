// The frame of a form that adds or edits one entry (a trade, an alert): submit without a page load,
// an item name field with the catalogue's names, the error, and submit / cancel.
import { createSignal, For, Show, type JSX } from 'solid-js';

export interface EntryFormProps {
  label: string;
  class: string;
  error: string | null;
  submitLabel: string;
  /** Editing an entry: a Cancel button goes back to adding. */
  editing: boolean;
  /** Saves the entry; while its promise is pending the form is busy and cannot be sent again. */
  onSubmit: () => Promise<void>;
  onCancel: () => void;
  children: JSX.Element;
}

export function EntryForm(props: EntryFormProps) {
  const [saving, setSaving] = createSignal(false);
  return (
    <form
      class={props.class}
      aria-label={props.label}
      aria-busy={saving()}
      onSubmit={(event) => {
        event.preventDefault();
        if (saving()) return;
        setSaving(true);
        void props.onSubmit().finally(() => setSaving(false));
      }}
    >
      {props.children}
      <Show when={props.error}>{(text) => <p class="banner" role="alert">{text()}</p>}</Show>
      <div class="form-actions">
        <button type="submit" disabled={saving()}>
          {props.submitLabel}
        </button>
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
        {/* onInput: the draft holds what is typed at once, so nothing re-rendering the form can put back an older name. */}
        <input list={props.listId} autocomplete="off" value={props.value} onInput={(event) => props.onChange(event.currentTarget.value)} />
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

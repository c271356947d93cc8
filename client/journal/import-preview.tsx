// What an import would add, before anything is written: counts, date range, duplicates already
// in the journal, names to resolve or skip, and each broken row with its problem.
import { For, Show } from 'solid-js';
import type { ImportPreview } from '../../shared/domain/journal-import-preview';

export interface ImportPreviewProps {
  format: string;
  preview: ImportPreview;
  onChoose: (name: string, itemName: string | null) => void;
  onConfirm: () => void;
  onCancel: () => void;
}

function day(time: number | null): string {
  return time === null ? '–' : new Date(time * 1000).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}

export function ImportPreviewPanel(props: ImportPreviewProps) {
  const count = () => props.preview.trades.length;
  return (
    <section class="journal-section" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview: {props.format}</h2>
      <p role="status" aria-label="Import preview" style={{ margin: 0 }}>
        {count()} new {count() === 1 ? 'trade' : 'trades'} ({props.preview.buys} buys, {props.preview.sells} sells) from {day(props.preview.from)} to {day(props.preview.to)}; {props.preview.duplicates} already in the journal
        {props.preview.skipped > 0 ? `; ${props.preview.skipped} skipped` : ''}.
      </p>
      <Show when={props.preview.unknownNames.length > 0}>
        <ul class="trade-list" aria-label="Names that match no item">
          <For each={props.preview.unknownNames}>
            {(unknown) => (
              <li>
                <label>
                  “{unknown.name}” ({unknown.rows} {unknown.rows === 1 ? 'row' : 'rows'}) is which item?
                  <input list="journal-item-names" autocomplete="off" onChange={(event) => props.onChoose(unknown.name, event.currentTarget.value)} />
                </label>
                <button type="button" onClick={() => props.onChoose(unknown.name, null)}>
                  Skip “{unknown.name}”
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.preview.errors.length > 0}>
        <ul class="trade-list" aria-label="Rows that cannot be imported">
          <For each={props.preview.errors}>{(error) => <li>Row {error.line}: {error.message}</li>}</For>
        </ul>
      </Show>
      <div class="form-actions">
        <button type="button" disabled={count() === 0} onClick={() => props.onConfirm()}>
          Import {count()} {count() === 1 ? 'trade' : 'trades'}
        </button>
        <button type="button" onClick={() => props.onCancel()}>
          Cancel
        </button>
      </div>
    </section>
  );
}

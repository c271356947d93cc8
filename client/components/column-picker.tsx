// Columns shown and hidden one by one, on top of the preset in force: a checkbox per column, in a
// disclosure so the table keeps its room. Turning columns on and off until they match a preset
// lands on that preset again.
import { For } from 'solid-js';
import { COLUMNS, type ColumnId } from '../table/columns';
import { shownColumns, withColumn, type ColumnChoice } from '../table/column-choice';

export interface ColumnPickerProps {
  choice: ColumnChoice;
  /** The columns offered on this screen. */
  pickable: readonly ColumnId[];
  onChoose: (choice: ColumnChoice) => void;
}

export function ColumnPicker(props: ColumnPickerProps) {
  const shown = () => new Set(shownColumns(props.choice));
  return (
    <details class="column-picker">
      <summary class="button">Show or hide…</summary>
      <fieldset>
        <legend class="visually-hidden">Shown in the table</legend>
        <For each={props.pickable}>
          {(id) => (
            <label class="check" title={COLUMNS[id].title}>
              <input type="checkbox" checked={shown().has(id)} onChange={(event) => props.onChoose(withColumn(props.choice, id, event.currentTarget.checked))} />
              {COLUMNS[id].label}
            </label>
          )}
        </For>
      </fieldset>
    </details>
  );
}

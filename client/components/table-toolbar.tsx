// Above the table: which columns (a preset, then single columns on top of it), exact or compact
// numbers, and where starred items go.
import { For, Show } from 'solid-js';
import type { NumberFormat } from '../state/device-prefs';
import { isPresetId, PRESET_IDS, PRESETS, type ColumnId } from '../table/columns';
import { isCustom, type ColumnChoice } from '../table/column-choice';
import type { StarredMode } from '../table/table-query';
import { ColumnPicker } from './column-picker';

export interface TableToolbarProps {
  columns: ColumnChoice;
  /** The columns the picker offers on this screen. */
  pickable: readonly ColumnId[];
  onColumns: (choice: ColumnChoice) => void;
  numbers: NumberFormat;
  onNumbers: (format: NumberFormat) => void;
  /** Absent on the watchlist, where every row is starred. */
  starred?: StarredMode;
  onStarred?: (mode: StarredMode) => void;
}

const CUSTOM = 'custom';

export function TableToolbar(props: TableToolbarProps) {
  return (
    <div class="toolbar">
      <label>
        Columns
        <select value={isCustom(props.columns) ? CUSTOM : props.columns} onChange={(event) => isPresetId(event.currentTarget.value) && props.onColumns(event.currentTarget.value)}>
          <For each={PRESET_IDS}>{(id) => <option value={id}>{PRESETS[id].label}</option>}</For>
          <Show when={isCustom(props.columns)}>
            <option value={CUSTOM} disabled>Custom</option>
          </Show>
        </select>
      </label>
      {props.starred !== undefined && (
        <label>
          Starred
          <select value={props.starred} onChange={(event) => props.onStarred?.(event.currentTarget.value as StarredMode)}>
            <option value="mixed">In the list</option>
            <option value="pin">Pinned to the top</option>
            <option value="only">Only starred</option>
          </select>
        </label>
      )}
      <button type="button" class="numbers-toggle" aria-pressed={props.numbers === 'exact'} onClick={() => props.onNumbers(props.numbers === 'exact' ? 'compact' : 'exact')}>
        Exact numbers
      </button>
      <ColumnPicker choice={props.columns} pickable={props.pickable} onChoose={props.onColumns} />
    </div>
  );
}

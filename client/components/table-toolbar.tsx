// Above the table: which columns (presets), exact or compact numbers, and where starred items go.
import { For } from 'solid-js';
import type { NumberFormat } from '../state/device-prefs';
import { PRESET_IDS, PRESETS, type PresetId } from '../table/columns';
import type { StarredMode } from '../table/table-query';

export interface TableToolbarProps {
  preset: PresetId;
  onPreset: (preset: PresetId) => void;
  numbers: NumberFormat;
  onNumbers: (format: NumberFormat) => void;
  /** Absent on the watchlist, where every row is starred. */
  starred?: StarredMode;
  onStarred?: (mode: StarredMode) => void;
}

export function TableToolbar(props: TableToolbarProps) {
  return (
    <div class="toolbar">
      <label>
        Columns
        <select value={props.preset} onChange={(event) => props.onPreset(event.currentTarget.value as PresetId)}>
          <For each={PRESET_IDS}>{(id) => <option value={id}>{PRESETS[id].label}</option>}</For>
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
    </div>
  );
}

// Saved filter presets: save the filters in force under a name, apply or delete one later.
import { createSignal, For, Show } from 'solid-js';
import type { FilterPreset } from '../state/device-prefs';

export interface FilterPresetsProps {
  presets: readonly FilterPreset[];
  canSave: boolean;
  onSave: (name: string) => void;
  onApply: (preset: FilterPreset) => void;
  onDelete: (name: string) => void;
}

export function FilterPresets(props: FilterPresetsProps) {
  const [name, setName] = createSignal('');
  return (
    <div class="filter-presets">
      <form
        class="preset-save"
        onSubmit={(event) => {
          event.preventDefault();
          if (name().trim() === '') return;
          props.onSave(name().trim());
          setName('');
        }}
      >
        <label>
          Preset name
          <input type="text" autocomplete="off" maxLength={40} placeholder="e.g. Cheap flips" value={name()} onInput={(event) => setName(event.currentTarget.value)} />
        </label>
        <button type="submit" disabled={!props.canSave || name().trim() === ''}>Save filters</button>
      </form>
      <Show when={props.presets.length > 0}>
        <ul class="preset-list" aria-label="Saved filter presets">
          <For each={props.presets}>
            {(preset) => (
              <li>
                <button type="button" onClick={() => props.onApply(preset)}>{preset.name}</button>
                <button type="button" aria-label={`Delete preset ${preset.name}`} onClick={() => props.onDelete(preset.name)}>✕</button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}

// Search and the filters: a Filters button with the number in force, clear-all, a message beside a
// value it cannot read, and saved filter presets.
import { For, onMount, Show } from 'solid-js';
import type { FilterPreset } from '../state/device-prefs';
import { CLEARED_FILTERS, countActiveFilters, unreadableFilters, type MembersFilter, type TableQuery, type TextFilter } from '../table/table-query';
import { THIN_MAX_VOLUME, THIN_MIN_ROI, UNSTABLE_OFF_AVERAGE } from '../../shared/domain/market-flags';
import { FilterPresets } from './filter-presets';

export interface TableFiltersProps {
  query: TableQuery;
  onChange: (change: Partial<TableQuery>) => void;
  /** Put the caret in the search box (the "Search" shortcut of the installed app). */
  focusSearch?: boolean;
  presets: readonly FilterPreset[];
  onSavePreset: (name: string) => void;
  onDeletePreset: (name: string) => void;
  onApplyPreset: (preset: FilterPreset) => void;
}

const FIELDS: ReadonlyArray<{ key: TextFilter; label: string; placeholder: string; hint: string }> = [
  { key: 'minProfit', label: 'Min profit', placeholder: 'e.g. 2k', hint: 'a price: 2000, 2k, 1.5m' },
  { key: 'minRoi', label: 'Min ROI (%)', placeholder: 'e.g. 2', hint: 'a percentage: 2 or 2%' },
  { key: 'minMargin', label: 'Min margin', placeholder: 'e.g. 10k', hint: 'a price: 10000, 10k' },
  { key: 'minVolume', label: 'Min volume (24h)', placeholder: 'e.g. 500', hint: 'a number: 500, 1.2k' },
  { key: 'maxPrice', label: 'Max buy price', placeholder: 'e.g. 1.5m', hint: 'a price: 1.5m, 250k' },
  { key: 'maxAge', label: 'Max age of the legs', placeholder: 'e.g. 30m', hint: 'a time: 30m, 2h, 90s (a number is minutes)' },
];

export function TableFilters(props: TableFiltersProps) {
  let search: HTMLInputElement | undefined;
  onMount(() => props.focusSearch && search?.focus());
  const active = () => countActiveFilters(props.query);
  const unreadable = () => new Set(unreadableFilters(props.query));
  return (
    <div role="search" class="filters">
      <label>
        Search items
        <input ref={search} type="search" placeholder="Name, e.g. abyssal whip" value={props.query.q} enterkeyhint="search" onInput={(event) => props.onChange({ q: event.currentTarget.value })} />
      </label>
      <details open={active() > 0}>
        <summary class="button">Filters{active() > 0 ? ` (${active()} active)` : ''}</summary>
        <div class="filter-grid">
          <label>
            Members
            <select value={props.query.members} onChange={(event) => props.onChange({ members: event.currentTarget.value as MembersFilter })}>
              <option value="all">All items</option>
              <option value="members">Members only</option>
              <option value="f2p">Free-to-play only</option>
            </select>
          </label>
          <For each={FIELDS}>
            {(field) => (
              <label>
                {field.label}
                <input type="text" inputmode="decimal" autocomplete="off" placeholder={field.placeholder} value={props.query[field.key]}
                  aria-invalid={unreadable().has(field.key)} aria-describedby={unreadable().has(field.key) ? `${field.key}-error` : undefined}
                  onInput={(event) => props.onChange({ [field.key]: event.currentTarget.value })} />
                <Show when={unreadable().has(field.key)}>
                  <span id={`${field.key}-error`} class="field-error">Not understood: use {field.hint}. Ignored for now.</span>
                </Show>
              </label>
            )}
          </For>
          <label class="check" title={`Thin: ROI of ${THIN_MIN_ROI * 100}% or more on fewer than ${THIN_MAX_VOLUME} trades a day. Unstable: a latest price more than ${UNSTABLE_OFF_AVERAGE * 100}% off its 1-hour average.`}>
            <input type="checkbox" checked={props.query.steady} onChange={(event) => props.onChange({ steady: event.currentTarget.checked })} />
            Hide thin or unstable
          </label>
          <label class="check" title="Only items with some of their buy limit left in your journal's open 4-hour windows">
            <input type="checkbox" checked={props.query.limitLeft} onChange={(event) => props.onChange({ limitLeft: event.currentTarget.checked })} />
            Limit available
          </label>
        </div>
        <p class="muted filter-note">
          Thin: ROI {THIN_MIN_ROI * 100}% or more on fewer than {THIN_MAX_VOLUME} trades a day. Unstable: the latest buy or sell is more than {UNSTABLE_OFF_AVERAGE * 100}% off its 1-hour average.
        </p>
        <div class="filter-actions">
          <button type="button" disabled={active() === 0} onClick={() => props.onChange(CLEARED_FILTERS)}>Clear all filters</button>
          <FilterPresets presets={props.presets} canSave={active() > 0} onSave={props.onSavePreset} onApply={props.onApplyPreset} onDelete={props.onDeletePreset} />
        </div>
      </details>
    </div>
  );
}

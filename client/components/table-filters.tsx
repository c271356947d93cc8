import { onMount } from 'solid-js';
import { parseRangeFilters, type MembersFilter, type TableQuery } from '../table/table-query';

export interface TableFiltersProps {
  query: TableQuery;
  onChange: (change: Partial<TableQuery>) => void;
  /** Put the caret in the search box (the "Search" shortcut of the installed app). */
  focusSearch?: boolean;
}

function RangeInput(props: { label: string; value: string; invalid: boolean; placeholder: string; onInput: (value: string) => void }) {
  return (
    <label>
      {props.label}
      <input
        type="text"
        inputmode="decimal"
        autocomplete="off"
        placeholder={props.placeholder}
        value={props.value}
        aria-invalid={props.invalid}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
    </label>
  );
}

export function TableFilters(props: TableFiltersProps) {
  let search: HTMLInputElement | undefined;
  onMount(() => props.focusSearch && search?.focus());
  const range = () => parseRangeFilters(props.query);
  const active = () => [props.query.minMargin, props.query.minVolume, props.query.maxPrice].filter((v) => v.trim() !== '').length + (props.query.members === 'all' ? 0 : 1) + (props.query.limitLeft ? 1 : 0);
  return (
    <div role="search" class="filters">
      <label>
        Search items
        <input ref={search} type="search" placeholder="Name, e.g. abyssal whip" value={props.query.q} enterkeyhint="search" onInput={(event) => props.onChange({ q: event.currentTarget.value })} />
      </label>
      <details open={active() > 0}>
        <summary>Filters{active() > 0 ? ` (${active()})` : ''}</summary>
        <div class="filter-grid">
          <label>
            Members
            <select value={props.query.members} onChange={(event) => props.onChange({ members: event.currentTarget.value as MembersFilter })}>
              <option value="all">All items</option>
              <option value="members">Members only</option>
              <option value="f2p">Free-to-play only</option>
            </select>
          </label>
          <RangeInput label="Min margin" placeholder="e.g. 10k" value={props.query.minMargin} invalid={props.query.minMargin.trim() !== '' && range().minMargin === null} onInput={(minMargin) => props.onChange({ minMargin })} />
          <RangeInput label="Min volume (24h)" placeholder="e.g. 500" value={props.query.minVolume} invalid={props.query.minVolume.trim() !== '' && range().minVolume === null} onInput={(minVolume) => props.onChange({ minVolume })} />
          <RangeInput label="Max buy price" placeholder="e.g. 1.5m" value={props.query.maxPrice} invalid={props.query.maxPrice.trim() !== '' && range().maxPrice === null} onInput={(maxPrice) => props.onChange({ maxPrice })} />
          <label class="check">
            <input type="checkbox" checked={props.query.limitLeft} onChange={(event) => props.onChange({ limitLeft: event.currentTarget.checked })} />
            Limit available
          </label>
        </div>
      </details>
    </div>
  );
}

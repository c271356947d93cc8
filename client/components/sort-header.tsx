// The header row: a sort button per sortable column, aria-sort on the one in use.
import { For, Show } from 'solid-js';
import type { Column } from '../table/columns';
import type { SortDir, SortKey } from '../table/sort-keys';

export interface SortHeaderProps {
  columns: readonly Column[];
  sort: SortKey | null;
  dir: SortDir;
  onSort: (key: SortKey) => void;
}

export function SortHeader(props: SortHeaderProps) {
  const ariaSort = (key: SortKey | null) => {
    if (key === null || props.sort !== key) return undefined;
    return props.dir === 'asc' ? 'ascending' : 'descending';
  };
  return (
    <tr aria-rowindex={1}>
      <For each={props.columns}>
        {(column) => (
          <th scope="col" class={`col-${column.id}`} aria-sort={ariaSort(column.sort)} title={column.title}>
            <Show when={column.sort} fallback={<span class="visually-hidden">{column.label}</span>}>
              {(key) => (
                <button type="button" class="sort-button" data-active={props.sort === key() ? '' : undefined} onClick={() => props.onSort(key())}>
                  {column.label}
                  <span aria-hidden="true">{props.sort === key() ? (props.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              )}
            </Show>
          </th>
        )}
      </For>
    </tr>
  );
}

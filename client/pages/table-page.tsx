// `/`: every item, searched, filtered and sorted on the device; the view lives in the URL.
import { Show } from 'solid-js';
import { useAppData } from '../app-context';
import { TableFilters } from '../components/table-filters';
import { CatalogueTable, createTableView } from './catalogue-table';

export function TablePage() {
  const data = useAppData();
  const view = createTableView(data.items);
  return (
    <>
      <h1 class="visually-hidden">Grand Exchange items</h1>
      <TableFilters query={view.query()} onChange={view.update} focusSearch={view.param('focus') === 'search'} />
      <p class="result-count" aria-live="polite">
        <Show when={data.loaded()} fallback="Loading saved prices…">
          {view.rows().length.toLocaleString('en-GB')} of {data.items().length.toLocaleString('en-GB')} items
        </Show>
      </p>
      <CatalogueTable
        label="Grand Exchange items"
        view={view}
        empty={
          <Show when={data.items().length > 0} fallback={<span class="muted">{data.loaded() ? 'No items on this device yet. Connect once to download prices.' : 'Loading…'}</span>}>
            <span class="muted">No items match. Clear the search or loosen the filters.</span>
          </Show>
        }
      />
    </>
  );
}

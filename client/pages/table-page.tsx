// `/`: every item, searched, filtered and sorted on the device; the view lives in the URL.
import { Show } from 'solid-js';
import { useAppData } from '../app-context';
import { TableFilters } from '../components/table-filters';
import { TableToolbar } from '../components/table-toolbar';
import { filterParams, presetFilters } from '../table/table-query';
import { CatalogueTable, createTableView } from './catalogue-table';

export function TablePage() {
  const data = useAppData();
  const view = createTableView(data.items);
  const prefs = data.prefs;
  return (
    <>
      <h1 class="visually-hidden">Grand Exchange items</h1>
      <TableFilters
        query={view.query()}
        onChange={view.update}
        focusSearch={view.param('focus') === 'search'}
        presets={prefs.filterPresets()}
        onSavePreset={(name) => prefs.saveFilterPreset({ name, params: filterParams(view.query()) })}
        onApplyPreset={(preset) => view.update(presetFilters(preset.params))}
        onDeletePreset={prefs.deleteFilterPreset}
      />
      <TableToolbar
        columns={view.choice()}
        pickable={view.pickable()}
        onColumns={view.chooseColumns}
        numbers={prefs.numbers()}
        onNumbers={prefs.setNumbers}
        starred={view.query().starred}
        onStarred={(starred) => view.update({ starred })}
      />
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

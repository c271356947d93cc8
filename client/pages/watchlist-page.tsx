// `/watchlist`: the starred items, in the same table, from the device.
import { createMemo } from 'solid-js';
import { useAppData } from '../app-context';
import { TableToolbar } from '../components/table-toolbar';
import { CatalogueTable, createTableView } from './catalogue-table';

export function WatchlistPage() {
  const data = useAppData();
  const watched = createMemo(() => data.items().filter((item) => data.watchlist().has(item.id)));
  const view = createTableView(watched);
  return (
    <>
      <h1 class="visually-hidden">Watchlist</h1>
      <TableToolbar columns={view.choice()} pickable={view.pickable()} onColumns={view.chooseColumns} numbers={data.prefs.numbers()} onNumbers={data.prefs.setNumbers} />
      <p class="result-count">
        {view.rows().length} starred {view.rows().length === 1 ? 'item' : 'items'}
      </p>
      <CatalogueTable
        label="Watchlist"
        view={view}
        empty={<span class="muted">{data.loaded() ? 'No starred items yet. Tap ☆ next to an item to watch it.' : 'Loading…'}</span>}
      />
    </>
  );
}

// `/watchlist`: the starred items, in the same table, from the device.
import { useSearchParams } from '@solidjs/router';
import { createMemo, untrack } from 'solid-js';
import { useAppData } from '../app-context';
import { ItemTable } from '../components/item-table';
import { selectRows } from '../table/select-rows';
import { nextSort, parseTableQuery, toSearchParams } from '../table/table-query';

export function WatchlistPage() {
  const data = useAppData();
  const [params, setParams] = useSearchParams();
  const query = createMemo(() => ({ ...parseTableQuery(params), q: '' }));
  const watched = createMemo(() => data.items().filter((item) => data.watchlist().has(item.id)));
  const rows = createMemo(() => selectRows(watched(), data.allPrices(), query(), untrack(data.now)));

  return (
    <>
      <h1 class="visually-hidden">Watchlist</h1>
      <p class="result-count" style={{ 'padding-top': '8px' }}>
        {rows().length} starred {rows().length === 1 ? 'item' : 'items'}
      </p>
      <ItemTable
        label="Watchlist"
        rows={rows()}
        prices={data.prices}
        now={data.now()}
        watchlist={data.watchlist()}
        sort={query().sort}
        dir={query().dir}
        onSort={(key) => setParams(toSearchParams({ ...query(), ...nextSort(query(), key) }), { replace: true })}
        onToggleStar={(item) => void data.setWatched(item.id, !data.watchlist().has(item.id))}
        empty={<span class="muted">{data.loaded() ? 'No starred items yet. Tap ☆ next to an item to watch it.' : 'Loading…'}</span>}
      />
    </>
  );
}

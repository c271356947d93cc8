// `/`: every item, searched, filtered and sorted on the device; the view lives in the URL.
import { useSearchParams } from '@solidjs/router';
import { createMemo, Show, untrack } from 'solid-js';
import { useAppData } from '../app-context';
import { ItemTable } from '../components/item-table';
import { TableFilters } from '../components/table-filters';
import { selectRows } from '../table/select-rows';
import { nextSort, parseTableQuery, toSearchParams, type TableQuery } from '../table/table-query';
import type { CatalogueItem } from '../db/records';

export function TablePage() {
  const data = useAppData();
  const [params, setParams] = useSearchParams();
  const query = createMemo(() => parseTableQuery(params));
  // Ordering uses figures at the moment of sorting; ages in cells tick on their own.
  const rows = createMemo(() => selectRows(data.items(), data.allPrices(), query(), untrack(data.now)));
  const update = (change: Partial<TableQuery>) => setParams({ ...toSearchParams({ ...query(), ...change }), focus: undefined }, { replace: true });
  const toggleStar = (item: CatalogueItem) => void data.setWatched(item.id, !data.watchlist().has(item.id));
  const resetKey = () => JSON.stringify(toSearchParams(query()));

  return (
    <>
      <h1 class="visually-hidden">Grand Exchange items</h1>
      <TableFilters query={query()} onChange={update} focusSearch={params.focus === 'search'} />
      <p class="result-count" aria-live="polite">
        <Show when={data.loaded()} fallback="Loading saved prices…">
          {rows().length.toLocaleString('en-GB')} of {data.items().length.toLocaleString('en-GB')} items
        </Show>
      </p>
      <ItemTable
        label="Grand Exchange items"
        rows={rows()}
        prices={data.prices}
        now={data.now()}
        watchlist={data.watchlist()}
        sort={query().sort}
        dir={query().dir}
        onSort={(key) => update(nextSort(query(), key))}
        onToggleStar={toggleStar}
        resetKey={resetKey()}
        empty={
          <Show when={data.items().length > 0} fallback={<span class="muted">{data.loaded() ? 'No items on this device yet. Connect once to download prices.' : 'Loading…'}</span>}>
            <span class="muted">No items match. Clear the search or loosen the filters.</span>
          </Show>
        }
      />
    </>
  );
}

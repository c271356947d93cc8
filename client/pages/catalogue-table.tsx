// What the items page and the watchlist share: the table state in the URL, and the table wired to
// the app's prices, clock and watchlist.
import { useSearchParams } from '@solidjs/router';
import { createMemo, untrack, type Accessor, type JSX } from 'solid-js';
import { useAppData } from '../app-context';
import { ItemTable } from '../components/item-table';
import type { CatalogueItem } from '../db/records';
import { selectRows } from '../table/select-rows';
import { nextSort, parseTableQuery, toSearchParams, type TableQuery } from '../table/table-query';

export interface TableView {
  query: Accessor<TableQuery>;
  rows: Accessor<CatalogueItem[]>;
  update(change: Partial<TableQuery>): void;
  /** A URL parameter outside the table state (e.g. `focus`). */
  param(name: string): string | undefined;
}

export function createTableView(items: Accessor<readonly CatalogueItem[]>): TableView {
  const data = useAppData();
  const [params, setParams] = useSearchParams();
  const query = createMemo(() => parseTableQuery(params));
  // Ordering uses figures at the moment of sorting; ages in cells tick on their own.
  const rows = createMemo(() => selectRows(items(), data.allPrices(), query(), untrack(data.now), data.staleAfter()));
  return {
    query,
    rows,
    update: (change) => setParams({ ...toSearchParams({ ...query(), ...change }), focus: undefined }, { replace: true }),
    param: (name) => {
      const value = params[name];
      return Array.isArray(value) ? value[0] : value;
    },
  };
}

export function CatalogueTable(props: { label: string; view: TableView; empty: JSX.Element }) {
  const data = useAppData();
  return (
    <ItemTable
      label={props.label}
      rows={props.view.rows()}
      prices={data.prices}
      now={data.now()}
      staleAfter={data.staleAfter()}
      watchlist={data.watchlist()}
      sort={props.view.query().sort}
      dir={props.view.query().dir}
      onSort={(key) => props.view.update(nextSort(props.view.query(), key))}
      onToggleStar={(item) => void data.setWatched(item.id, !data.watchlist().has(item.id))}
      resetKey={JSON.stringify(toSearchParams(props.view.query()))}
      empty={props.empty}
    />
  );
}

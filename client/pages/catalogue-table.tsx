// What the items page and the watchlist share: the table state in the URL, the columns (URL, then
// device, then the screen's default), and the table wired to the app's prices, clock and watchlist.
import { useNavigate, useSearchParams } from '@solidjs/router';
import { createMemo, untrack, type Accessor, type JSX } from 'solid-js';
import { useAppData } from '../app-context';
import { ItemTable } from '../components/item-table';
import { ShortcutsDialog } from '../components/shortcuts-dialog';
import { alertPath, itemPath } from '../lib/item-path';
import type { CatalogueItem } from '../db/records';
import { formatLimitLeft } from '../../shared/domain/journal-limits';
import { createLimitLeft } from '../journal/limit-left';
import { createMediaQuery, NARROW_QUERY } from '../lib/media-query';
import { columnsFor, COLUMN_IDS, defaultPreset, fitsScreen, type Column, type ColumnId } from '../table/columns';
import { FIXED_COLUMN, shownColumns, type ColumnChoice } from '../table/column-choice';
import { selectRows } from '../table/select-rows';
import { createTableKeys, SHORTCUTS } from './table-keys';
import { nextSort, parseTableQuery, toSearchParams, type TableQuery } from '../table/table-query';

export interface TableView {
  query: Accessor<TableQuery>;
  rows: Accessor<CatalogueItem[]>;
  /** The columns chosen: a preset, or a custom set. */
  choice: Accessor<ColumnChoice>;
  columns: Accessor<Column[]>;
  /** The columns the picker offers on this screen (all but the name, which never hides). */
  pickable: Accessor<readonly ColumnId[]>;
  /** Exact numbers on a narrow screen: the cells draw them smaller rather than scroll sideways. */
  tight: Accessor<boolean>;
  /** Per item, the buy limit left in the journal's open windows. */
  limitLeft: Accessor<Map<number, number | null>>;
  update(change: Partial<TableQuery>): void;
  /** Picks a preset or a custom set: kept on the device and put in the URL. */
  chooseColumns(choice: ColumnChoice): void;
  /** A URL parameter outside the table state (e.g. `focus`). */
  param(name: string): string | undefined;
}

export function createTableView(items: Accessor<readonly CatalogueItem[]>): TableView {
  const data = useAppData();
  const [params, setParams] = useSearchParams();
  const narrow = createMediaQuery(NARROW_QUERY);
  const query = createMemo(() => parseTableQuery(params));
  // Ordering uses figures at the moment of sorting; ages in cells tick on their own.
  const limitLeft = createLimitLeft(data);
  const rows = createMemo(() => selectRows(items(), data.allPrices(), query(), untrack(data.now), data.staleAfter(), data.watchlist(), limitLeft(), data.hourly()));
  const choice = () => query().cols ?? data.prefs.columns() ?? defaultPreset(narrow());
  const update = (change: Partial<TableQuery>) => setParams({ ...toSearchParams({ ...query(), ...change }), focus: undefined }, { replace: true });
  return {
    query,
    rows,
    choice,
    columns: createMemo(() => columnsFor(shownColumns(choice()), narrow(), data.prefs.numbers() === 'exact')),
    tight: () => narrow() && data.prefs.numbers() === 'exact',
    pickable: createMemo(() => COLUMN_IDS.filter((id) => id !== FIXED_COLUMN && fitsScreen(id, narrow()))),
    limitLeft,
    update,
    chooseColumns(next) {
      data.prefs.setColumns(next);
      update({ cols: next });
    },
    param: (name) => {
      const value = params[name];
      return Array.isArray(value) ? value[0] : value;
    },
  };
}

export function CatalogueTable(props: { label: string; view: TableView; empty: JSX.Element }) {
  const data = useAppData();
  const navigate = useNavigate();
  const toggleStar = (item: CatalogueItem) => void data.setWatched(item.id, !data.watchlist().has(item.id));
  const keys = createTableKeys({ rows: props.view.rows, open: (item) => navigate(itemPath(item)), star: toggleStar, alert: (item) => navigate(alertPath(item.id)) });
  return (
    <>
      <ItemTable
        label={props.label}
        columns={props.view.columns()}
        rows={props.view.rows()}
        prices={data.prices}
        now={data.now()}
        staleAfter={data.staleAfter()}
        watchlist={data.watchlist()}
        hourly={data.hourly()}
        limitLeft={(item) => formatLimitLeft(props.view.limitLeft(), item.id, item.limit)}
        sort={props.view.query().sort}
        dir={props.view.query().dir}
        onSort={(key) => props.view.update(nextSort(props.view.query(), key))}
        onToggleStar={toggleStar}
        current={keys.current()}
        resetKey={JSON.stringify(toSearchParams({ ...props.view.query(), cols: null }))}
        empty={props.empty}
        tight={props.view.tight()}
      />
      <ShortcutsDialog open={keys.help()} shortcuts={SHORTCUTS} onClose={() => keys.setHelp(false)} />
    </>
  );
}

// Multi-row inserts (upserts) for the writers: the catalogue, latest prices and buckets. SQLite
// takes `values (?, …), (?, …)` in as few statements as its bound-value limit allows; PostgreSQL
// takes one array per column, `select … from unnest($1::int4[], …)`: 3.6 ms against 7.5 ms for
// multi-row VALUES (PostgreSQL 15, 1,500 changed rows into 4,200; docs/decisions/0006). Both are
// built as plain text with placeholders: compiling a 3,000-row kysely template took longer than
// SQLite took to write the rows.
import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import type { Db } from './db';
import { engineOf } from './engine';

/** A column and its PostgreSQL type (the array element type unnest is given). */
export type Column = readonly [name: string, pgType: 'int4' | 'int8' | 'text'];

export interface BulkTarget {
  table: string;
  columns: readonly Column[];
  /** The leading columns forming the conflict key: rows sharing a key are written once, the last winning. */
  keyWidth: number;
}

// SQLite allows 32,766 bound values per statement; PostgreSQL 65,535 (unnest binds one per
// column, so its statements are bounded by rows only, to keep each one's arrays moderate).
const SQLITE_MAX_VALUES = 32_000;
export const POSTGRES_MAX_ROWS = 20_000;

/** `insert into table (columns) <rows> tail`, for any number of rows. */
export async function insertRows(db: Db, target: BulkTarget, rows: ReadonlyArray<readonly unknown[]>, tail = ''): Promise<void> {
  const width = target.columns.length;
  const unique = lastPerKey(rows, target.keyWidth);
  if (unique.length === 0) return;
  const head = insertHead(target);
  if (engineOf(db) === 'postgres') {
    for (let start = 0; start < unique.length; start += POSTGRES_MAX_ROWS) {
      await sql`${sql.raw(head)} ${unnestRows(target, unique.slice(start, start + POSTGRES_MAX_ROWS))} ${sql.raw(tail)}`.execute(db);
    }
    return;
  }
  const perStatement = Math.floor(SQLITE_MAX_VALUES / width);
  const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  for (let start = 0; start < unique.length; start += perStatement) {
    const chunk = unique.slice(start, start + perStatement);
    const text = `${head} values ${Array.from({ length: chunk.length }, () => tuple).join(', ')} ${tail}`;
    await db.executeQuery(CompiledQuery.raw(text, chunk.flat()));
  }
}

/** `insert into table (columns)`. */
export function insertHead(target: BulkTarget): string {
  return `insert into ${target.table} (${target.columns.map(([name]) => name).join(', ')})`;
}

/**
 * PostgreSQL only: `select * from unnest($1::type[], …)` of `rows` (one per key, as insertRows
 * writes them), one array per column, to follow an insertHead in a statement of the caller's.
 * Callers writing more than POSTGRES_MAX_ROWS rows use insertRows.
 */
export function unnestRows(target: BulkTarget, rows: ReadonlyArray<readonly unknown[]>): RawBuilder<unknown> {
  const unique = lastPerKey(rows, target.keyWidth);
  const arrays = target.columns.map(([, type], i) => {
    const values = unique.map((row) => row[i]);
    return sql`${type === 'text' ? values : integerArray(values)}::${sql.raw(type)}[]`;
  });
  return sql`select * from unnest(${sql.join(arrays)})`;
}

/**
 * An integer column as PostgreSQL's array text (`{1,NULL,3}`): what pg would send for the array,
 * built in one join instead of escaping each element as a string.
 */
function integerArray(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null || v === undefined ? 'NULL' : String(v))).join(',')}}`;
}

/**
 * One row per conflict key, the last given winning, in first-seen order. SQLite applies a key
 * repeated within one upsert twice (the last wins); PostgreSQL refuses the whole statement
 * ("ON CONFLICT DO UPDATE command cannot affect row a second time"), so neither ever sees one.
 */
export function lastPerKey<Row extends readonly unknown[]>(rows: readonly Row[], keyWidth: number): Row[] {
  const byKey = new Map<string, number>();
  const unique: Row[] = [];
  for (const row of rows) {
    const key = keyWidth === 1 ? String(row[0]) : row.slice(0, keyWidth).join('\u0001');
    const at = byKey.get(key);
    if (at === undefined) {
      byKey.set(key, unique.length);
      unique.push(row);
    } else {
      unique[at] = row;
    }
  }
  return unique;
}

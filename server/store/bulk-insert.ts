import { CompiledQuery } from 'kysely';
import type { Db } from './db';

// SQLite allows 32,766 bound values per statement.
const MAX_VALUES = 32_000;

/**
 * Runs `head values (?, ...), (?, ...) tail` for many rows, in as few statements as the bound-value
 * limit allows. Built as plain text with placeholders: compiling a 3,000-row kysely template took
 * longer than SQLite took to write the rows.
 */
export async function insertRows(db: Db, head: string, rows: ReadonlyArray<readonly unknown[]>, tail = ''): Promise<void> {
  const width = rows[0]?.length ?? 0;
  if (width === 0) return;
  const perStatement = Math.floor(MAX_VALUES / width);
  const tuple = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const text = `${head} values ${Array.from({ length: chunk.length }, () => tuple).join(', ')} ${tail}`;
    await db.executeQuery(CompiledQuery.raw(text, chunk.flat()));
  }
}

// The catalogue from /mapping. Keyed by id: a rename updates name and name_lower in place; an
// item that drops out of the mapping is kept (its prices and history stay meaningful) and only
// flagged in_mapping = 0.
import { sql } from 'kysely';
import type { Db } from './db';

export interface CatalogueItem {
  id: number;
  name: string;
  examine: string;
  members: boolean;
  icon: string;
  limit?: number | null;
  value?: number | null;
  lowalch?: number | null;
  highalch?: number | null;
}

export interface MappingResult {
  added: number;
  renamed: Array<{ id: number; from: string; to: string }>;
  /** Items no longer in the mapping, now flagged in_mapping = 0. */
  dropped: number;
}

// 12 bound values a row; SQLite allows 32,766 per statement.
const ROWS_PER_STATEMENT = 1000;

export async function upsertMapping(db: Db, items: readonly CatalogueItem[], now = Math.floor(Date.now() / 1000)): Promise<MappingResult> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('items').select(['id', 'name', 'in_mapping']).execute();
    const known = new Map(existing.map((row) => [row.id, row]));
    const incoming = new Set(items.map((item) => item.id));
    const result: MappingResult = { added: 0, renamed: [], dropped: 0 };
    for (const item of items) {
      const before = known.get(item.id);
      if (before === undefined) result.added += 1;
      else if (before.name !== item.name) result.renamed.push({ id: item.id, from: before.name, to: item.name });
    }
    for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT) {
      await writeItems(trx, items.slice(start, start + ROWS_PER_STATEMENT), now);
    }
    const gone = existing.filter((row) => row.in_mapping === 1 && !incoming.has(row.id)).map((row) => row.id);
    for (let start = 0; start < gone.length; start += ROWS_PER_STATEMENT) {
      await trx
        .updateTable('items')
        .set({ in_mapping: 0, updated_at: now })
        .where('id', 'in', gone.slice(start, start + ROWS_PER_STATEMENT))
        .execute();
    }
    result.dropped = gone.length;
    return result;
  });
}

async function writeItems(db: Db, items: readonly CatalogueItem[], now: number): Promise<void> {
  if (items.length === 0) return;
  const rows = sql.join(
    items.map(
      (i) => sql`(${i.id}, ${i.name}, ${i.examine}, ${i.members ? 1 : 0}, ${i.icon}, ${i.limit ?? null}, ${i.value ?? null},
        ${i.lowalch ?? null}, ${i.highalch ?? null}, ${i.name.toLowerCase()}, 1, ${now})`,
    ),
  );
  await sql`
    insert into items (id, name, examine, members, icon, buy_limit, value, lowalch, highalch, name_lower, in_mapping, updated_at)
    values ${rows}
    on conflict (id) do update set
      name = excluded.name, examine = excluded.examine, members = excluded.members, icon = excluded.icon,
      buy_limit = excluded.buy_limit, value = excluded.value, lowalch = excluded.lowalch, highalch = excluded.highalch,
      name_lower = excluded.name_lower, in_mapping = 1, updated_at = excluded.updated_at`.execute(db);
}

// The catalogue from /mapping. Keyed by id: a rename updates name and name_lower in place; an
// item that drops out of the mapping is kept (its prices and history stay meaningful) and only
// flagged in_mapping = 0.
import type { Db } from './db';
import { insertRows, type BulkTarget } from './bulk-insert';
import { fenceWrite } from './leader-term';

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

// For the `in (...)` list of dropped items.
const IDS_PER_STATEMENT = 1000;

/** With a `term` (cluster mode), refused (FencedWriteError) once the store has seen a newer leader. */
export async function upsertMapping(db: Db, items: readonly CatalogueItem[], now = Math.floor(Date.now() / 1000), term?: number): Promise<MappingResult> {
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
    await writeItems(trx, items, now);
    const gone = existing.filter((row) => row.in_mapping === 1 && !incoming.has(row.id)).map((row) => row.id);
    for (let start = 0; start < gone.length; start += IDS_PER_STATEMENT) {
      await trx
        .updateTable('items')
        .set({ in_mapping: 0, updated_at: now })
        .where('id', 'in', gone.slice(start, start + IDS_PER_STATEMENT))
        .execute();
    }
    result.dropped = gone.length;
    // Last, as for history windows: the stream_state row is locked only for the commit.
    if (term !== undefined) await fenceWrite(trx, term);
    return result;
  });
}

const ITEMS: BulkTarget = {
  table: 'items',
  columns: [
    ['id', 'int4'], ['name', 'text'], ['examine', 'text'], ['members', 'int4'], ['icon', 'text'], ['buy_limit', 'int4'],
    ['value', 'int4'], ['lowalch', 'int4'], ['highalch', 'int4'], ['name_lower', 'text'], ['in_mapping', 'int4'], ['updated_at', 'int8'],
  ],
  keyWidth: 1,
};

async function writeItems(db: Db, items: readonly CatalogueItem[], now: number): Promise<void> {
  await insertRows(
    db,
    ITEMS,
    items.map((i) => [
      i.id, i.name, i.examine, i.members ? 1 : 0, i.icon, i.limit ?? null, i.value ?? null,
      i.lowalch ?? null, i.highalch ?? null, i.name.toLowerCase(), 1, now,
    ]),
    `on conflict (id) do update set
      name = excluded.name, examine = excluded.examine, members = excluded.members, icon = excluded.icon,
      buy_limit = excluded.buy_limit, value = excluded.value, lowalch = excluded.lowalch, highalch = excluded.highalch,
      name_lower = excluded.name_lower, in_mapping = 1, updated_at = excluded.updated_at`,
  );
}

/** The ids of the current mapping (flagged in_mapping). */
export async function readMappedItemIds(db: Db): Promise<Set<number>> {
  const rows = await db.selectFrom('items').select('id').where('in_mapping', '=', 1).execute();
  return new Set(rows.map((row) => row.id));
}

// What the table needs from the journal: per item, the buy limit left in the open windows now.
import { createMemo, type Accessor } from 'solid-js';
import { limitLeftByItem, openLimitWindows } from '../../shared/domain/journal-limits';
import type { AppData } from '../state/app-data';

const sameEntries = (a: Map<number, number | null>, b: Map<number, number | null>) =>
  a.size === b.size && [...a].every(([id, left]) => b.has(id) && b.get(id) === left);

/** A new map only when what is left changes (a trade, a window closing), not on every tick of the clock: the table re-sorts on it. */
export function createLimitLeft(data: AppData): Accessor<Map<number, number | null>> {
  return createMemo(() => limitLeftByItem(openLimitWindows(data.journal.trades(), (id) => data.item(id)?.limit ?? null, data.now())), undefined, { equals: sameEntries });
}

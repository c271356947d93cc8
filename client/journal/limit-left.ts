// What the table needs from the journal: per item, the buy limit left in the open windows now.
import { createMemo, type Accessor } from 'solid-js';
import { limitLeftByItem, openLimitWindows } from '../../shared/domain/journal-limits';
import type { AppData } from '../state/app-data';

export function createLimitLeft(data: AppData): Accessor<Map<number, number | null>> {
  return createMemo(() => limitLeftByItem(openLimitWindows(data.journal.trades(), (id) => data.item(id)?.limit ?? null, data.now())));
}

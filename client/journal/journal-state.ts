// The journal as the pages see it: the trades read from the device once, then kept in a signal
// that every write refreshes from IndexedDB (so what is shown is what is stored).
import { createSignal, type Accessor } from 'solid-js';
import type { Trade } from '../../shared/domain/journal-trade';
import { addTrades, deleteTrade, listTrades, putTrade } from '../db/journal';
import type { GeDb } from '../db/schema';

export interface Journal {
  trades: Accessor<readonly Trade[]>;
  loaded: Accessor<boolean>;
  /** Adds a trade or replaces the one with its id (an edit). */
  save(trade: Trade): Promise<void>;
  remove(id: string): Promise<void>;
  /** An import: all or nothing, trades already present skipped; how many were added. */
  addMany(trades: readonly Trade[]): Promise<number>;
}

export function createJournal(db: GeDb): Journal {
  const [trades, setTrades] = createSignal<readonly Trade[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const reload = async () => {
    setTrades(await listTrades(db));
    setLoaded(true);
  };
  void reload();
  return {
    trades,
    loaded,
    async save(trade) {
      await putTrade(db, trade);
      await reload();
    },
    async remove(id) {
      await deleteTrade(db, id);
      await reload();
    },
    async addMany(batch) {
      const added = await addTrades(db, batch);
      await reload();
      return added;
    },
  };
}

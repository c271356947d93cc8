// The trade form's state on the journal page: the draft, the price pre-filled from the live
// legs until the user types one, the misclick check against the device's 5-minute window, and
// saving through the journal.
import { createEffect, createMemo, createSignal, on } from 'solid-js';
import { fiveMinuteWindowOf, misclickWarning } from '../../shared/domain/journal-misclick';
import { createNameResolver } from '../../shared/domain/item-names';
import type { Trade } from '../../shared/domain/journal-trade';
import { parsePrice } from '../../shared/domain/price-format';
import { listHistory } from '../db/points';
import type { AppData } from '../state/app-data';
import { draftOf, emptyDraft, fromLocalInput, readDraft, type TradeDraft } from './trade-draft';

export function createTradeEditor(data: AppData, startItemId: number | null) {
  const itemIdOf = createMemo(() => createNameResolver(data.items()));
  const [draft, setDraft] = createSignal<TradeDraft>(emptyDraft(Math.floor(Date.now() / 1000)));
  const [priceTyped, setPriceTyped] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [warning, setWarning] = createSignal<string | null>(null);
  // The user's edits, counted, so a save that ends after they began the next trade leaves it be
  // (a live price pre-filled meanwhile is not theirs).
  let edits = 0;

  const livePrice = (itemId: number, side: TradeDraft['side']): number | null => {
    const legs = data.prices[itemId];
    return (side === 'buy' ? legs?.low : legs?.high) ?? null;
  };
  // Once the catalogue is there, a start item (from an item page's "Log a trade") fills the name.
  createEffect(
    on(
      () => data.item(startItemId ?? 0)?.name,
      (name) => name && draft().itemName === '' && setDraft({ ...draft(), itemName: name }),
    ),
  );
  // Memos, so the pre-fill runs when the item or side changes, not on every keystroke it makes itself.
  const itemId = createMemo(() => itemIdOf()(draft().itemName));
  const side = createMemo(() => draft().side);
  createEffect(() => {
    const id = itemId();
    const price = id === null ? null : livePrice(id, side());
    if (!priceTyped() && price !== null) setDraft((current) => ({ ...current, price: String(price) }));
  });
  createEffect(() => {
    const { itemName, price, time } = draft();
    const itemId = itemIdOf()(itemName);
    const value = parsePrice(price);
    const at = fromLocalInput(time);
    if (itemId === null || value === null || at === null) return setWarning(null);
    const start = fiveMinuteWindowOf(at);
    void listHistory(data.db, itemId, '5m', start).then((buckets) => {
      const bucket = buckets.find((row) => row.timestamp === start) ?? null;
      setWarning(misclickWarning(value, bucket));
    });
  });

  const reset = (account: string) => {
    setPriceTyped(false);
    setError(null);
    setDraft({ ...emptyDraft(Math.floor(Date.now() / 1000), account), itemName: draft().itemName });
  };

  return {
    draft,
    error,
    warning,
    change(change: Partial<TradeDraft>) {
      edits += 1;
      if (change.price !== undefined) setPriceTyped(true);
      setDraft({ ...draft(), ...change });
    },
    edit(trade: Trade) {
      setPriceTyped(true);
      setError(null);
      setDraft(draftOf(trade, data.item(trade.itemId)?.name ?? String(trade.itemId)));
    },
    cancel: () => reset(draft().account),
    async submit(): Promise<void> {
      const result = readDraft(draft(), itemIdOf(), () => crypto.randomUUID());
      if (result.error !== undefined) {
        setError(result.error);
        return;
      }
      const editsBefore = edits;
      try {
        await data.journal.save(result.trade);
      } catch (failure) {
        setError(`Could not save the trade: ${failure instanceof Error ? failure.message : String(failure)}`);
        return;
      }
      // What the user began typing for the next trade while this one was saved stays.
      if (edits === editsBefore) reset(draft().account);
      else setError(null);
    },
  };
}

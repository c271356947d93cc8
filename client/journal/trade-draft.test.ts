import { describe, expect, it } from 'vitest';
import { draftOf, emptyDraft, fromLocalInput, readDraft, toLocalInput } from './trade-draft';

const itemIdOf = (name: string) => (name.toLowerCase() === 'abyssal whip' ? 4151 : null);

describe('the trade form', () => {
  it('reads shorthand quantities and prices and the local time', () => {
    const draft = { ...emptyDraft(1_750_000_000), itemName: 'Abyssal whip', quantity: '1.5k', price: '1.5m', account: ' main ' };
    expect(readDraft(draft, itemIdOf, () => 'id1')).toEqual({
      trade: { id: 'id1', itemId: 4151, side: 'buy', quantity: 1500, price: 1_500_000, time: fromLocalInput(draft.time), account: 'main', source: 'manual' },
    });
  });

  it('round-trips a time through the date-time input to the second', () => {
    expect(fromLocalInput(toLocalInput(1_750_000_001))).toBe(1_750_000_001);
  });

  it('names what is wrong', () => {
    const base = { ...emptyDraft(1_750_000_000), itemName: 'Abyssal whip', quantity: '1', price: '1' };
    expect(readDraft({ ...base, itemName: 'Whipp' }, itemIdOf, () => 'x').error).toBe('No item called "Whipp".');
    expect(readDraft({ ...base, quantity: 'lots' }, itemIdOf, () => 'x').error).toMatch(/quantity/);
    expect(readDraft({ ...base, quantity: '0' }, itemIdOf, () => 'x').error).toMatch(/at least 1/);
    expect(readDraft({ ...base, price: '' }, itemIdOf, () => 'x').error).toMatch(/price/);
  });

  it('keeps the id of an entry being edited', () => {
    const trade = { id: 'keep', itemId: 4151, side: 'sell' as const, quantity: 2, price: 10, time: 1_750_000_000, account: null, source: 'manual' };
    expect(readDraft(draftOf(trade, 'Abyssal whip'), itemIdOf, () => 'new').trade).toEqual(trade);
  });
});

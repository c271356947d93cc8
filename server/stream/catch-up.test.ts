import { describe, expect, it } from 'vitest';
import { PriceBatchEventSchema } from '../../shared/protocol/events';
import { createSseParser, type SseMessage } from '../../tests/helpers/sse-parse';
import { createCatchUp } from './catch-up';
import { createPriceIndex, type IndexedPrice } from './price-index';
import { EVERY_ITEM, parseItemFilter } from './stream-request';

const price = (itemId: number, seq: number, high = 100): IndexedPrice => ({
  itemId, high, highTime: 1, low: 90, lowTime: 1, seq, changedAt: 1_700_000_000_000,
});

function batchOf(wire: string): { id: string | undefined; items: Array<[number, number | null]> } {
  const events: SseMessage[] = [];
  createSseParser((m) => events.push(m)).push(wire);
  const [event] = events;
  const updates = event?.event === 'price-update'
    ? [JSON.parse(event.data) as { item_id: number; high: number | null }]
    : PriceBatchEventSchema.parse(JSON.parse(event?.data ?? '')).updates;
  return { id: event?.id, items: updates.map((u) => [u.item_id, u.high]) };
}

describe('catch-up', () => {
  const setup = () => {
    const index = createPriceIndex({ cursor: { epoch: 'e', seq: 3 }, prices: [price(1, 1), price(2, 2), price(3, 3)] });
    return { index, catchUp: createCatchUp(index) };
  };

  it('sends the items of the filter changed after since, with the current cursor as id', () => {
    const { catchUp } = setup();
    expect(batchOf(catchUp(1, parseItemFilter('1,3')))).toEqual({ id: 'e.3', items: [[3, 100]] });
    expect(batchOf(catchUp(1, EVERY_ITEM)).items).toEqual([[2, 100], [3, 100]]);
  });

  it('never serves a shared catch-up from before the latest commit', () => {
    const { index, catchUp } = setup();
    const before = catchUp(1, EVERY_ITEM);
    expect(catchUp(1, EVERY_ITEM)).toBe(before);
    index.apply({ epoch: 'e', seq: 4, committedAt: 1, changes: [price(2, 4, 555)] });
    const after = batchOf(catchUp(1, EVERY_ITEM));
    expect(after.id).toBe('e.4');
    expect(after.items.sort((a, b) => a[0] - b[0])).toEqual([[2, 555], [3, 100]]);
  });
});

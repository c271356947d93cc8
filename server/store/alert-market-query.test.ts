import { expect, it } from 'vitest';
import { describeEachEngine, useStore } from '../../tests/helpers/store-engines';
import { alertMarketItem, NO_REFERENCE, referenceAt } from '../../shared/domain/alert-market-buckets';
import { readItem, type ItemReadings } from '../../shared/domain/alerts/alert-market';
import type { SeriesBucket } from '../../shared/domain/movers';
import { createAlertReferenceReader, readAlertReferences } from './alert-market-query';
import type { Db } from './db';
import { ingestWindow } from './windows-repo';
import type { BucketInput } from './buckets-repo';

const HOUR = 3600;
const NEWEST_HOUR = 1_748_217_600 + 30 * HOUR;
const NEWEST_FIVE = NEWEST_HOUR + HOUR + 1500;
const LEGS = { high: 1_000_500, highTime: NEWEST_FIVE, low: 999_000, lowTime: NEWEST_FIVE };

type Stored = { itemId: number; timestep: '5m' | '1h'; timestamp: number; avgHigh: number | null; avgLow: number | null; highVolume: number; lowVolume: number };

/** The market a test stores: items that trade every hour and window, and thin ones that do not. */
function market(): Stored[] {
  const rows: Stored[] = [];
  const at = (itemId: number, timestep: '5m' | '1h', timestamp: number, price: number, volume: number) =>
    rows.push({ itemId, timestep, timestamp, avgHigh: price + 500, avgLow: volume === 0 ? null : price, highVolume: volume + 2, lowVolume: volume });
  for (let h = 0; h < 30; h += 1) {
    const hour = NEWEST_HOUR - h * HOUR;
    at(1, '1h', hour, 1_000_000 + h * 100, 40 + h); // every hour of the day and before it
    if (h >= 1) at(2, '1h', hour, 500_000 - h * 50, h % 3); // not in the newest hour
    if (h >= 3) at(3, '1h', hour, 20_000 + h, 5); // newest hour three hours old: stale for every rule
  }
  for (let w = 0; w < 12; w += 1) {
    const window = NEWEST_FIVE - w * 300;
    at(1, '5m', window, 1_000_000 + w * 10, 6 + w);
    if (w === 2) at(2, '5m', window, 499_000, 9); // ten minutes older than the newest window
    if (w === 8) at(4, '5m', window, 7_000, 30); // forty minutes: too old for a confirmed rule
  }
  return rows;
}

function deviceBuckets(rows: Stored[], itemId: number, timestep: '5m' | '1h'): SeriesBucket[] {
  return rows.filter((r) => r.itemId === itemId && r.timestep === timestep)
    .map((r) => ({ timestamp: r.timestamp, avgHighPrice: r.avgHigh, avgLowPrice: r.avgLow, highPriceVolume: r.highVolume, lowPriceVolume: r.lowVolume }));
}

/** Stores the rows' windows as the sync does, one window at a time, oldest first. */
async function storeRows(db: Db, rows: Stored[]): Promise<void> {
  for (const timestep of ['1h', '5m'] as const) {
    const windows = [...new Set(rows.filter((r) => r.timestep === timestep).map((r) => r.timestamp))].sort((a, b) => a - b);
    for (const timestamp of windows) {
      const buckets: BucketInput[] = rows.filter((r) => r.timestep === timestep && r.timestamp === timestamp)
        .map(({ itemId, avgHigh, avgLow, highVolume, lowVolume }) => ({ itemId, timestamp, avgHigh, avgLow, highVolume, lowVolume }));
      await ingestWindow(db, timestep, timestamp, buckets);
    }
  }
}

const readingsOnly = ({ item: _item, ...readings }: ItemReadings) => readings;

describeEachEngine('the server\'s alert references', (engine) => {
  const store = useStore(engine);

  it('read what the device reads from the same buckets, for every item and at every age, thin items included', async () => {
    const rows = market();
    await storeRows(store.db, rows);
    const references = await readAlertReferences(store.db);
    // Item 4's only window is older than any evaluation reads: the server keeps nothing of it.
    expect([...references.keys()].sort()).toEqual([1, 2, 3]);
    // Just after the newest window, and as the hours go by without a new one (the hour goes stale).
    for (const now of [NEWEST_FIVE + 60, NEWEST_FIVE + 400, NEWEST_HOUR + 2 * HOUR + 1, NEWEST_HOUR + 3 * HOUR]) {
      for (const itemId of [1, 2, 3, 4]) {
        const server = readItem(itemId, { ...LEGS, ...referenceAt((references.get(itemId) ?? NO_REFERENCE), now) }, now);
        const device = readItem(itemId, alertMarketItem(LEGS, deviceBuckets(rows, itemId, '5m'), deviceBuckets(rows, itemId, '1h'), now), now);
        expect(readingsOnly(server), `item ${itemId} at +${now - NEWEST_FIVE} s`).toEqual(readingsOnly(device));
      }
    }
    // What that is: item 1 has its hour and day until the hour is two hours old; item 2, which did
    // not trade in the newest hour, has no hour or day (its newest is over two hours old) but its
    // 5-minute window ten minutes before the newest is read; item 3 has neither; item 4's window
    // is too old to confirm anything.
    const read = (itemId: number, now: number) => readItem(itemId, { ...LEGS, ...referenceAt(references.get(itemId) ?? NO_REFERENCE, now) }, now);
    const at = NEWEST_FIVE + 60;
    expect(read(1, at).hour?.high).toBe(1_000_500);
    expect(read(1, at).day?.high).toBeGreaterThan(1_000_500);
    expect([read(1, NEWEST_HOUR + 2 * HOUR + 1).hour, read(1, NEWEST_HOUR + 2 * HOUR + 1).day]).toEqual([null, null]);
    expect([read(2, at).hour, read(2, at).day]).toEqual([null, null]);
    expect(read(2, at).confirmed?.high).toBe(499_500);
    expect([read(3, at).hour, read(3, at).day]).toEqual([null, null]);
    expect(read(4, at).confirmed).toBeNull();
  });

  it('kept between windows, reads what a fresh read does as 5-minute windows and a new hour land', async () => {
    await storeRows(store.db, market());
    const reader = createAlertReferenceReader(store.db);
    const first = await reader.read();
    expect(first).toEqual(await readAlertReferences(store.db));
    const stamp = (timestep: '5m' | '1h', timestamp: number, itemId: number, price: number): Stored =>
      ({ itemId, timestep, timestamp, avgHigh: price + 500, avgLow: price, highVolume: 12, lowVolume: 10 });

    await storeRows(store.db, [stamp('5m', NEWEST_FIVE + 300, 1, 1_010_000), stamp('5m', NEWEST_FIVE + 300, 4, 7_100)]);
    const afterWindow = await reader.read();
    expect(afterWindow).toEqual(await readAlertReferences(store.db));
    expect(afterWindow.get(1)?.window5m?.timestamp).toBe(NEWEST_FIVE + 300);
    expect(afterWindow.get(1)?.avg24h).toEqual(first.get(1)?.avg24h);

    // A new hour, in which item 2 traded: its hour and day are back.
    await storeRows(store.db, [stamp('1h', NEWEST_HOUR + HOUR, 2, 480_000), stamp('1h', NEWEST_HOUR + HOUR, 1, 1_020_000)]);
    const afterHour = await reader.read();
    expect(afterHour).toEqual(await readAlertReferences(store.db));
    expect(afterHour.get(2)?.hourAt).toBe(NEWEST_HOUR + HOUR);
    expect(afterHour.get(1)?.avg1h).toEqual({ high: 1_020_500, low: 1_020_000 });
  });
});

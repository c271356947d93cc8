import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { listHistory, storeHistory } from './points';
import { pruneHistory, withQuotaRetry } from './quota';
import { setWatched } from './watchlist';
import { applyPrices, getPrice } from './prices';
import { openTestDb } from './test-db';
import type { GeDb } from './schema';

const HOUR = 3600;

async function seed(db: GeDb, itemId: number, count: number): Promise<void> {
  const buckets = Array.from({ length: count }, (_, i) => ({
    timestamp: (i + 1) * HOUR,
    avgHighPrice: 100 + i,
    avgLowPrice: 90 + i,
    highPriceVolume: 1,
    lowPriceVolume: 1,
  }));
  await storeHistory(db, itemId, '1h', buckets, { full: true, at: 0 });
}

function quotaError(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

describe('running out of storage', () => {
  it('prunes the oldest history of unwatched items, then retries the write', async () => {
    const db = await openTestDb();
    await setWatched(db, 4151, true, 1);
    await seed(db, 4151, 600);
    await seed(db, 2, 600);
    let attempts = 0;
    const result = await withQuotaRetry(db, async () => {
      attempts += 1;
      if (attempts === 1) throw quotaError();
      return 'written';
    });
    expect(result).toBe('written');
    expect(await listHistory(db, 4151, '1h')).toHaveLength(600);
    const left = await listHistory(db, 2, '1h');
    expect(left.length).toBeLessThan(600);
    expect(left.at(-1)?.timestamp).toBe(600 * HOUR);
    expect(left[0]?.timestamp).toBe((600 - left.length + 1) * HOUR);
    db.close();
  });

  it('passes the quota error on when only watched history is left to prune', async () => {
    const db = await openTestDb();
    await setWatched(db, 4151, true, 1);
    await seed(db, 4151, 10);
    await expect(withQuotaRetry(db, () => Promise.reject(quotaError()))).rejects.toThrow(/quota/);
    expect(await pruneHistory(db)).toBe(0);
    expect(await listHistory(db, 4151, '1h')).toHaveLength(10);
    db.close();
  });

  it('leaves other errors alone', async () => {
    const db = await openTestDb();
    await seed(db, 2, 5);
    await expect(withQuotaRetry(db, () => Promise.reject(new Error('disk on fire')))).rejects.toThrow('disk on fire');
    expect(await listHistory(db, 2, '1h')).toHaveLength(5);
    db.close();
  });

  it('writes a price batch the device first refused, after pruning history', async () => {
    const db = await openTestDb();
    await seed(db, 2, 800);
    const transaction = db.transaction.bind(db);
    let refusals = 0;
    // The first write transaction fails the way a full disk makes it fail.
    db.transaction = ((...args: Parameters<GeDb['transaction']>) => {
      if (args[1] === 'readwrite' && refusals === 0) {
        refusals += 1;
        throw quotaError();
      }
      return transaction(...args);
    }) as GeDb['transaction'];
    const applied = await applyPrices(db, [{ itemId: 4151, high: 10, highTime: 1, low: 9, lowTime: 1, seq: 1 }]);
    expect(applied).toHaveLength(1);
    expect((await getPrice(db, 4151))?.high).toBe(10);
    expect((await listHistory(db, 2, '1h')).length).toBeLessThan(800);
    db.close();
  });
});

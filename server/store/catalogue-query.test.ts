import { expect, it } from 'vitest';
import { ID, seedCatalogue } from '../../tests/helpers/catalogue-fixture';
import { seedLatest } from '../../tests/helpers/seed-store';
import { describeEachEngine, useStore } from '../../tests/helpers/store-engines';
import { readCatalogue, readCatalogueFingerprint, readStoreVersion } from './catalogue-query';
import { openDatabase } from './db';

const NOW = 1748242800;

describeEachEngine('the catalogue read side', (engine) => {
  const store = useStore(engine);

  it('reads every item with its prices and volumes as numbers, a missing one as null', async () => {
    await seedCatalogue(store.db, NOW);
    const byId = new Map((await readCatalogue(store.db)).map((record) => [record.id, record]));
    expect(byId.get(ID.whip)).toMatchObject({ high: 1_716_616, highTime: NOW - 60, limit: 70, volume1h: 500, volume24h: 12_000, members: true, inMapping: true });
    expect(byId.get(ID.whipSeed)).toMatchObject({ high: null, seq: 0, volume1h: null });
    expect(byId.get(ID.retired)?.inMapping).toBe(false);
  });

  it('moves the store version and the fingerprint seq when a price is written, also by another connection', async () => {
    await seedCatalogue(store.db, NOW);
    const before = await readStoreVersion(store.db);
    const fingerprint = await readCatalogueFingerprint(store.db);
    // SQLite in memory has one connection; on PostgreSQL the write comes from a second pool.
    const writer = engine.name === 'postgres' ? await openDatabase(store.url) : null;
    try {
      await seedLatest(writer?.db ?? store.db, [{ itemId: ID.whip, high: 1_800_000, highTime: NOW, low: 1_750_000, lowTime: NOW }], NOW);
    } finally {
      await writer?.close();
    }
    expect(await readStoreVersion(store.db)).not.toBe(before);
    const after = await readCatalogueFingerprint(store.db);
    expect(after).toMatchObject({ items: fingerprint.items, volumes: fingerprint.volumes, epoch: fingerprint.epoch });
    expect(after.seq).toBe(fingerprint.seq + 1);
  });
});

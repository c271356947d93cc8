// The items list is served from a cache: each kind of write the sync makes must show on the next
// request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ItemsResponseSchema } from '../../shared/protocol/api';
import { newEpoch } from '../../server/store/stream-state';
import { ID, seedCatalogue } from '../helpers/catalogue-fixture';
import { seedItems, seedLatest, seedVolumes } from '../helpers/seed-store';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { describeEachEngine } from '../helpers/store-engines';

const now = Math.floor(Date.now() / 1000);
let t: TestApp;

async function list(query = '') {
  const res = await t.request(`/api/v1/items${query}`);
  expect(res.status, res.text).toBe(200);
  return ItemsResponseSchema.parse(res.json());
}

const find = async (id: number, query = '') => (await list(query)).items.find((item) => item.id === id);

describeEachEngine('the items cache', (engine) => {
  beforeEach(async () => {
    t = await startTestApp({ env: { DATABASE_URL: await engine.createDatabase() }, seed: (db) => seedCatalogue(db, now) });
  });
  afterEach(() => t.close());

  describe('the items list after a write', () => {
    it('shows changed prices with their new figures and seq', async () => {
      expect(await find(ID.whip)).toMatchObject({ high: 1_716_616 });
      const [seq] = await seedLatest(t.db, [{ itemId: ID.whip, high: 1_800_000, highTime: now, low: 1_750_000, lowTime: now }]);
      expect(await find(ID.whip)).toMatchObject({ high: 1_800_000, low: 1_750_000, margin: 50_000, profit: 14_000, seq });
    });

    it('gives an item that trades for the first time its price', async () => {
      expect(await find(ID.whipSeed)).toMatchObject({ high: null, seq: 0 });
      await seedLatest(t.db, [{ itemId: ID.whipSeed, high: 2_000, highTime: now, low: 1_900, lowTime: now }]);
      expect(await find(ID.whipSeed)).toMatchObject({ high: 2_000, low: 1_900, margin: 100 });
    });

    it('shows new volumes, and re-sorts by them', async () => {
      expect((await list('?sort=volume1h')).items[0]?.id).toBe(ID.nature);
      await seedVolumes(t.db, [{ itemId: ID.bond, volume1h: 5_000_000, volume24h: 90_000_000 }], now + 1);
      const sorted = await list('?sort=volume1h');
      expect(sorted.items[0]).toMatchObject({ id: ID.bond, volume1h: 5_000_000, volume24h: 90_000_000 });
    });

    it('finds a renamed item by its new name only', async () => {
      expect((await list('?q=bond')).total).toBe(1);
      await t.db
        .updateTable('items')
        .set({ name: 'Membership bond', name_lower: 'membership bond', updated_at: now + 5 })
        .where('id', '=', ID.bond)
        .execute();
      expect((await list('?q=old%20school')).total).toBe(0);
      expect(await find(ID.bond, '?q=membership')).toMatchObject({ name: 'Membership bond', profit: 299_048 });
    });

    it('drops an item that left /mapping from the list and lists a new one', async () => {
      expect((await list('?q=abyssal')).total).toBe(2);
      await t.db.updateTable('items').set({ in_mapping: 0, updated_at: now + 5 }).where('id', '=', ID.tentacle).execute();
      await seedItems(t.db, [{ id: 30_000, name: 'Abyssal dagger' }], now + 5);
      const abyssal = await list('?q=abyssal');
      expect(abyssal.items.map((item) => item.name)).toEqual(['Abyssal dagger', 'Abyssal whip']);
      expect((await t.request(`/api/v1/items/${ID.tentacle}`)).status).toBe(200);
    });

    it('reloads every price when the store starts a new epoch', async () => {
      expect(await find(ID.whip)).toMatchObject({ high: 1_716_616 });
      await t.db.updateTable('latest_prices').set({ high: 1, seq: 1 }).where('item_id', '=', ID.whip).execute();
      await t.db.updateTable('stream_state').set({ epoch: newEpoch(), seq: 1 }).execute();
      expect(await find(ID.whip)).toMatchObject({ high: 1, seq: 1 });
    });
  });
});

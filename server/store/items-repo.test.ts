import { expect, it } from 'vitest';
import { describeEachEngine, useStore } from '../../tests/helpers/store-engines';
import { upsertMapping, type CatalogueItem } from './items-repo';

const cannonball: CatalogueItem = { id: 2, name: 'Cannonball', examine: 'Ammo for the Dwarf Cannon.', members: true, icon: 'Cannonball.png', limit: 11000, value: 5, lowalch: 2, highalch: 3 };
const bond: CatalogueItem = { id: 13190, name: 'Old school bond', examine: 'This bond can be redeemed for membership.', members: false, icon: 'Old school bond.png', limit: 100, value: 2000000 };

describeEachEngine('upsertMapping', (engine) => {
  const store = useStore(engine);
  const rows = () => store.db.selectFrom('items').selectAll().orderBy('id').execute();

  it('stores the catalogue with missing optional fields as null', async () => {
    const result = await upsertMapping(store.db, [cannonball, bond], 1000);
    expect(result.added).toBe(2);
    const [, storedBond] = await rows();
    expect(storedBond).toMatchObject({ name: 'Old school bond', name_lower: 'old school bond', members: 0, lowalch: null, highalch: null, in_mapping: 1 });
  });

  it('renames an item in place, keeping its id, and reports the rename', async () => {
    await upsertMapping(store.db, [cannonball], 1000);
    const result = await upsertMapping(store.db, [{ ...cannonball, name: 'Steel cannonball', icon: 'Steel cannonball.png' }], 2000);
    expect(result.renamed).toEqual([{ id: 2, from: 'Cannonball', to: 'Steel cannonball' }]);
    const [row] = await rows();
    expect(row).toMatchObject({ id: 2, name: 'Steel cannonball', name_lower: 'steel cannonball', updated_at: 2000 });
  });

  it('flags an item that left the mapping instead of deleting it, and restores it when it comes back', async () => {
    await upsertMapping(store.db, [cannonball, bond], 1000);
    const result = await upsertMapping(store.db, [bond], 2000);
    expect(result.dropped).toBe(1);
    expect((await rows()).map((r) => [r.id, r.in_mapping])).toEqual([[2, 0], [13190, 1]]);
    await upsertMapping(store.db, [cannonball, bond], 3000);
    expect((await rows()).map((r) => r.in_mapping)).toEqual([1, 1]);
  });

  it('writes a mapping of thousands of items', async () => {
    const many = Array.from({ length: 4567 }, (_, i) => ({ ...cannonball, id: i + 1, name: `Item ${i + 1}` }));
    await upsertMapping(store.db, many, 1000);
    expect(await rows()).toHaveLength(4567);
  });
});

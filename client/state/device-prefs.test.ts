import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createDevicePrefs } from './device-prefs';

function memoryStorage(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return { getItem: (key: string) => map.get(key) ?? null, setItem: (key: string, value: string) => void map.set(key, value), map };
}

describe('device preferences', () => {
  it('keeps the number format, column preset and filter presets for the next visit', () => {
    const storage = memoryStorage();
    createRoot(() => {
      const prefs = createDevicePrefs(storage);
      prefs.setNumbers('exact');
      prefs.setColumns('alch');
      prefs.saveFilterPreset({ name: 'Cheap flips', params: { maxPrice: '10k', minRoi: '2' } });
    });
    createRoot(() => {
      const again = createDevicePrefs(storage);
      expect(again.numbers()).toBe('exact');
      expect(again.columns()).toBe('alch');
      expect(again.filterPresets()).toEqual([{ name: 'Cheap flips', params: { maxPrice: '10k', minRoi: '2' } }]);
      again.deleteFilterPreset('Cheap flips');
      expect(again.filterPresets()).toEqual([]);
    });
  });

  it('keeps columns shown and hidden one by one', () => {
    const storage = memoryStorage();
    createRoot(() => createDevicePrefs(storage).setColumns(['star', 'name', 'low', 'margin']));
    expect(storage.map.get('ge:columns')).toBe('star.name.low.margin');
    createRoot(() => expect(createDevicePrefs(storage).columns()).toEqual(['star', 'name', 'low', 'margin']));
  });

  it('starts from the defaults when what is stored cannot be read', () => {
    createRoot(() => {
      const prefs = createDevicePrefs(memoryStorage({ 'ge:numbers': 'huge', 'ge:columns': 'everything', 'ge:filter-presets': '{not json' }));
      expect(prefs.numbers()).toBe('compact');
      expect(prefs.columns()).toBeNull();
      expect(prefs.filterPresets()).toEqual([]);
    });
  });
});

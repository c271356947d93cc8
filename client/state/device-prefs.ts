// Choices kept on this device, not in the URL by default: how numbers read, which columns,
// the saved filter presets. localStorage, because they are tiny and needed before the first paint
// (IndexedDB would hold the table back a round trip). A value it cannot read is the default.
import { createSignal, type Accessor } from 'solid-js';
import { formatColumnChoice, parseColumnChoice, type ColumnChoice } from '../table/column-choice';

export type NumberFormat = 'compact' | 'exact';

export interface FilterPreset {
  name: string;
  /** The filter part of the URL, as toSearchParams writes it. */
  params: Record<string, string>;
}

export interface DevicePrefs {
  numbers: Accessor<NumberFormat>;
  setNumbers(format: NumberFormat): void;
  /** A preset or a custom set; null: the default for the screen width. */
  columns: Accessor<ColumnChoice | null>;
  setColumns(choice: ColumnChoice): void;
  filterPresets: Accessor<readonly FilterPreset[]>;
  saveFilterPreset(preset: FilterPreset): void;
  deleteFilterPreset(name: string): void;
}

const KEYS = { numbers: 'ge:numbers', columns: 'ge:columns', filters: 'ge:filter-presets' } as const;

function isFilterPreset(value: unknown): value is FilterPreset {
  if (typeof value !== 'object' || value === null) return false;
  const { name, params } = value as Record<string, unknown>;
  return typeof name === 'string' && typeof params === 'object' && params !== null && Object.values(params).every((v) => typeof v === 'string');
}

function readPresets(text: string | null): FilterPreset[] {
  try {
    const parsed: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isFilterPreset) : [];
  } catch {
    return []; // damaged: start again rather than fail the page
  }
}

export function createDevicePrefs(storage: Pick<Storage, 'getItem' | 'setItem'> | null): DevicePrefs {
  const read = (key: string) => {
    try {
      return storage?.getItem(key) ?? null;
    } catch {
      return null; // storage blocked (some private modes): the defaults hold for this visit
    }
  };
  const write = (key: string, value: string) => {
    try {
      storage?.setItem(key, value);
    } catch {
      // full or blocked: the choice still holds until the page closes
    }
  };
  const [numbers, setNumbers] = createSignal<NumberFormat>(read(KEYS.numbers) === 'exact' ? 'exact' : 'compact');
  const [columns, setColumns] = createSignal<ColumnChoice | null>(parseColumnChoice(read(KEYS.columns)));
  const [filterPresets, setFilterPresets] = createSignal<readonly FilterPreset[]>(readPresets(read(KEYS.filters)));
  const keepPresets = (next: FilterPreset[]) => {
    setFilterPresets(next);
    write(KEYS.filters, JSON.stringify(next));
  };
  return {
    numbers,
    setNumbers(format) {
      setNumbers(format);
      write(KEYS.numbers, format);
    },
    columns,
    setColumns(next) {
      setColumns(next);
      write(KEYS.columns, formatColumnChoice(next));
    },
    filterPresets,
    saveFilterPreset: (saved) => keepPresets([...filterPresets().filter((p) => p.name !== saved.name), saved]),
    deleteFilterPreset: (name) => keepPresets(filterPresets().filter((p) => p.name !== name)),
  };
}

/** The browser's localStorage, or null where reading it throws (storage blocked). */
export function deviceStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

// Which columns the table shows: a preset, or columns shown and hidden one by one on top of one
// ("custom"). Written the same way in the URL and on the device: a preset's id (`flip`), or the
// shown column ids joined by dots (`star.name.low.high.margin`), which a URL carries unescaped.
import { COLUMN_IDS, isPresetId, PRESET_IDS, PRESETS, type ColumnId, type PresetId } from './columns';

export type ColumnChoice = PresetId | readonly ColumnId[];

const SEPARATOR = '.';

/** The row header: every row needs its name, so it is never hidden. */
export const FIXED_COLUMN: ColumnId = 'name';

function isColumnId(value: string): value is ColumnId {
  return (COLUMN_IDS as readonly string[]).includes(value);
}

export function isCustom(choice: ColumnChoice): choice is readonly ColumnId[] {
  return typeof choice !== 'string';
}

export function shownColumns(choice: ColumnChoice): readonly ColumnId[] {
  return isCustom(choice) ? choice : PRESETS[choice].columns;
}

/** A preset whose columns are exactly these (in any order), or the list itself. */
function settle(columns: readonly ColumnId[]): ColumnChoice {
  const set = new Set(columns);
  const preset = PRESET_IDS.find((id) => PRESETS[id].columns.length === set.size && PRESETS[id].columns.every((c) => set.has(c)));
  return preset ?? columns;
}

/** Text from the URL or the device; null when it names no known preset or column. */
export function parseColumnChoice(text: string | null | undefined): ColumnChoice | null {
  if (text == null || text === '') return null;
  if (isPresetId(text)) return text;
  const named = new Set(text.split(SEPARATOR).filter(isColumnId));
  if (named.size === 0) return null;
  named.add(FIXED_COLUMN);
  return settle(COLUMN_IDS.filter((id) => named.has(id)));
}

export function formatColumnChoice(choice: ColumnChoice): string {
  return isCustom(choice) ? choice.join(SEPARATOR) : choice;
}

/**
 * `id` shown or hidden on top of `choice`. A column comes back where the full list has it, among
 * those shown; a set that is exactly a preset's is that preset again.
 */
export function withColumn(choice: ColumnChoice, id: ColumnId, shown: boolean): ColumnChoice {
  const current = shownColumns(choice);
  if (id === FIXED_COLUMN || current.includes(id) === shown) return choice;
  if (!shown) return settle(current.filter((c) => c !== id));
  const rank = (c: ColumnId) => COLUMN_IDS.indexOf(c);
  const after = current.reduce((at, c, i) => (rank(c) < rank(id) ? i + 1 : at), 0);
  return settle([...current.slice(0, after), id, ...current.slice(after)]);
}

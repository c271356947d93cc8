import { describe, expect, it } from 'vitest';
import { PRESETS } from './columns';
import { formatColumnChoice, parseColumnChoice, shownColumns, withColumn } from './column-choice';

describe('choosing columns one by one', () => {
  it('adds a column to a preset where the full list has it, which makes the set custom', () => {
    const custom = withColumn('basic', 'margin', true);
    expect(custom).toEqual(['star', 'icon', 'name', 'low', 'high', 'margin', 'profit']);
    expect(formatColumnChoice(custom)).toBe('star.icon.name.low.high.margin.profit');
  });

  it('lands on the preset again when the columns match one, in any order', () => {
    const alchWithout = withColumn('alch', 'limit', false);
    expect(alchWithout).toEqual(['star', 'icon', 'name', 'low', 'highalch', 'alchProfit', 'volume']);
    expect(withColumn(alchWithout, 'limit', true)).toBe('alch');
    expect(withColumn(withColumn('basic', 'margin', true), 'margin', false)).toBe('basic');
  });

  it('never hides the name, and showing a shown column changes nothing', () => {
    expect(withColumn('flip', 'name', false)).toBe('flip');
    expect(withColumn('flip', 'roi', true)).toBe('flip');
  });

  it('reads a preset or a dotted list back, dropping unknown ids and keeping the name', () => {
    expect(parseColumnChoice('flip')).toBe('flip');
    expect(parseColumnChoice('low.margin.bogus')).toEqual(['name', 'low', 'margin']);
    expect(parseColumnChoice(formatColumnChoice(PRESETS.volume.columns))).toBe('volume');
    expect(parseColumnChoice('bogus')).toBeNull();
    expect(parseColumnChoice('')).toBeNull();
    expect(shownColumns(parseColumnChoice('star.name.low') ?? 'all')).toEqual(['star', 'name', 'low']);
  });
});

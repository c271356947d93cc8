import { describe, expect, it } from 'vitest';
import { CLEARED_FILTERS, countActiveFilters, filterParams, nextSort, parseRangeFilters, parseTableQuery, presetFilters, toSearchParams, unreadableFilters } from './table-query';

describe('table state in the URL', () => {
  it('round-trips a search, a sort and every filter through the query string', () => {
    const params = { q: 'whip', sort: 'margin', dir: 'asc', members: 'f2p', minMargin: '10k', minVolume: '500', maxPrice: '1.5m' };
    const query = parseTableQuery(params);
    expect(toSearchParams(query)).toEqual(params);
    expect(parseRangeFilters(query)).toMatchObject({ minMargin: 10_000, minVolume: 500, maxPrice: 1_500_000 });
  });

  it('falls back to the defaults for values it does not know, and leaves defaults out of the URL', () => {
    const query = parseTableQuery({ sort: 'DROP TABLE', dir: 'sideways', members: 'yes' });
    expect(query).toMatchObject({ sort: null, dir: 'desc', members: 'all' });
    expect(Object.values(toSearchParams(query)).filter((v) => v !== undefined)).toEqual([]);
  });

  it('ignores a range filter that is not a price rather than filtering everything out', () => {
    expect(parseRangeFilters(parseTableQuery({ maxPrice: 'cheap' })).maxPrice).toBeNull();
  });

  it('starts a new column in its natural direction and flips on a second click', () => {
    const query = parseTableQuery({});
    expect(nextSort(query, 'name')).toEqual({ sort: 'name', dir: 'asc' });
    expect(nextSort(query, 'profit')).toEqual({ sort: 'profit', dir: 'desc' });
    expect(nextSort(parseTableQuery({ sort: 'profit', dir: 'desc' }), 'profit')).toEqual({ sort: 'profit', dir: 'asc' });
  });

  it('round-trips the new filters, the starred mode and the column preset', () => {
    const params = { minProfit: '2k', minRoi: '1.5%', maxAge: '30m', steady: '1', starred: 'pin', cols: 'alch' };
    const query = parseTableQuery(params);
    expect(toSearchParams(query)).toEqual(params);
    expect(parseRangeFilters(query)).toMatchObject({ minProfit: 2_000, minRoi: 0.015, maxAge: 1_800 });
    expect(parseRangeFilters(parseTableQuery({ maxAge: '45' })).maxAge).toBe(2_700);
    expect(parseTableQuery({ cols: 'everything' }).cols).toBeNull();
  });

  it('round-trips columns picked one by one', () => {
    const query = parseTableQuery({ cols: 'star.name.low.margin' });
    expect(query.cols).toEqual(['star', 'name', 'low', 'margin']);
    expect(toSearchParams(query).cols).toBe('star.name.low.margin');
  });

  it('names the filters it cannot read and counts the ones in force', () => {
    const query = parseTableQuery({ minRoi: 'lots', maxAge: 'soon', minProfit: '5k', members: 'f2p', steady: '1' });
    expect(unreadableFilters(query)).toEqual(['minRoi', 'maxAge']);
    expect(countActiveFilters(query)).toBe(5);
    expect(countActiveFilters(parseTableQuery({ q: 'whip', sort: 'roi', cols: 'all' }))).toBe(0);
  });

  it('saves the filters as a preset and applies them back without touching search or sort', () => {
    const saved = filterParams(parseTableQuery({ q: 'rune', sort: 'roi', minRoi: '2', starred: 'only', cols: 'flip' }));
    expect(saved).toEqual({ minRoi: '2', starred: 'only' });
    expect(presetFilters(saved)).toMatchObject({ minRoi: '2', starred: 'only', minProfit: '', members: 'all', steady: false });
    expect(presetFilters(saved)).not.toHaveProperty('q');
  });

  it('keeps "limit available" in the URL as limit=left, counts it, clears it and saves it in a preset', () => {
    const query = parseTableQuery({ limit: 'left', minRoi: '2' });
    expect(query.limitLeft).toBe(true);
    expect(toSearchParams(query)).toMatchObject({ limit: 'left' });
    expect(parseTableQuery({ limit: 'all' }).limitLeft).toBe(false);
    expect(countActiveFilters(query)).toBe(2);
    expect(countActiveFilters({ ...query, ...CLEARED_FILTERS })).toBe(0);
    expect(filterParams(query)).toEqual({ minRoi: '2', limit: 'left' });
    expect(presetFilters({ limit: 'left' })).toMatchObject({ limitLeft: true });
  });
});

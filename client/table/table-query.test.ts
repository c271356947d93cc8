import { describe, expect, it } from 'vitest';
import { nextSort, parseRangeFilters, parseTableQuery, toSearchParams } from './table-query';

describe('table state in the URL', () => {
  it('round-trips a search, a sort and every filter through the query string', () => {
    const params = { q: 'whip', sort: 'margin', dir: 'asc', members: 'f2p', minMargin: '10k', minVolume: '500', maxPrice: '1.5m' };
    const query = parseTableQuery(params);
    expect(toSearchParams(query)).toEqual(params);
    expect(parseRangeFilters(query)).toEqual({ minMargin: 10_000, minVolume: 500, maxPrice: 1_500_000 });
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
});

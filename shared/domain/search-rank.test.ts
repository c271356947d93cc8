import { describe, expect, it } from 'vitest';
import { normaliseQuery, rankName, SearchRank } from './search-rank';

describe('rankName', () => {
  it('ranks an exact name above a prefix, a word prefix and a substring', () => {
    expect(rankName('abyssal whip', 'abyssal whip')).toBe(SearchRank.exact);
    expect(rankName('abyssal whip', 'abyssal')).toBe(SearchRank.prefix);
    expect(rankName('abyssal whip', 'whip')).toBe(SearchRank.wordPrefix);
    expect(rankName('abyssal whip', 'hip')).toBe(SearchRank.substring);
    expect(SearchRank.exact < SearchRank.prefix && SearchRank.prefix < SearchRank.wordPrefix).toBe(true);
    expect(SearchRank.wordPrefix < SearchRank.substring).toBe(true);
  });

  it('finds a word prefix after punctuation and after an earlier substring hit', () => {
    expect(rankName('ring of dueling(8)', '8')).toBe(SearchRank.wordPrefix);
    expect(rankName("zuriel's staff", 'staff')).toBe(SearchRank.wordPrefix);
    expect(rankName('ahrim-hood', 'hood')).toBe(SearchRank.wordPrefix);
    expect(rankName('bandana band', 'band')).toBe(SearchRank.prefix);
    expect(rankName('xbandana band', 'band')).toBe(SearchRank.wordPrefix);
  });

  it('does not match a name that lacks the text', () => {
    expect(rankName('abyssal whip', 'whips')).toBeNull();
    expect(rankName('abyssal whip', 'abyssal  whip')).toBeNull();
  });
});

describe('normaliseQuery', () => {
  it('ignores case and stray spaces', () => {
    expect(normaliseQuery('  Abyssal   WHIP ')).toBe('abyssal whip');
    expect(rankName('abyssal whip', normaliseQuery('  Abyssal   WHIP '))).toBe(SearchRank.exact);
  });
});

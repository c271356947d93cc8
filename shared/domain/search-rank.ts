// How well an item name matches what a trader typed, shared so that offline search in the client
// orders results the same way as the server's.

export const SearchRank = { exact: 0, prefix: 1, wordPrefix: 2, substring: 3 } as const;
export type SearchRank = (typeof SearchRank)[keyof typeof SearchRank];

/** Normalises typed text for matching: lower case, outer spaces trimmed, inner runs collapsed. */
export function normaliseQuery(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

/**
 * Rank of `nameLower` (an already lower-cased name) for a normalised query: exact, prefix, a word
 * of the name starting with it ("whip" in "Abyssal whip", "dueling" in "Ring of dueling(8)"),
 * anywhere inside it; null when it does not match at all.
 */
export function rankName(nameLower: string, query: string): SearchRank | null {
  if (query === '') return SearchRank.substring;
  let at = nameLower.indexOf(query);
  if (at === -1) return null;
  if (at === 0) return nameLower.length === query.length ? SearchRank.exact : SearchRank.prefix;
  while (at !== -1) {
    if (!isWordChar(nameLower[at - 1])) return SearchRank.wordPrefix;
    at = nameLower.indexOf(query, at + 1);
  }
  return SearchRank.substring;
}

/** "Abyssal whip" -> "abyssal-whip"; "Zuriel's staff (bh)" -> "zuriels-staff-bh". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function itemPath(item: { id: number; name: string }): string {
  return `/items/${item.id}/${slugify(item.name) || 'item'}`;
}

/** The alerts page with the form set on this item ("Add alert"). */
export function alertPath(itemId: number): string {
  return `/alerts?item=${itemId}`;
}

/** The item's page on the OSRS Wiki, found by id (names on the wiki and in /mapping can differ). */
export function wikiUrl(id: number): string {
  return `https://oldschool.runescape.wiki/w/Special:Lookup?type=item&id=${id}`;
}

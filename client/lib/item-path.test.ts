import { describe, expect, it } from 'vitest';
import { itemPath, slugify, wikiUrl } from './item-path';
import { iconUrl } from './icon-url';

describe('item links and icons', () => {
  it('builds readable item links from names with punctuation', () => {
    expect(itemPath({ id: 4151, name: 'Abyssal whip' })).toBe('/items/4151/abyssal-whip');
    expect(slugify("Zuriel's staff (bh)")).toBe('zuriels-staff-bh');
    expect(itemPath({ id: 1, name: '???' })).toBe('/items/1/item');
  });

  it('points icons at the wiki with spaces as underscores and the name escaped', () => {
    expect(iconUrl('Abyssal whip.png')).toBe('https://oldschool.runescape.wiki/images/Abyssal_whip.png');
    expect(iconUrl("Black d'hide body.png")).toBe("https://oldschool.runescape.wiki/images/Black_d'hide_body.png");
    expect(iconUrl('')).toBe('/icons/item-fallback.svg');
  });
});

describe('wikiUrl', () => {
  it('looks the item up on the wiki by its id', () => {
    expect(wikiUrl(4151)).toBe('https://oldschool.runescape.wiki/w/Special:Lookup?type=item&id=4151');
  });
});

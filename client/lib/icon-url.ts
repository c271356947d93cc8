// The catalogue holds the wiki's file name ("Abyssal whip.png"); the image lives on the wiki.
import { WIKI_IMAGE_ORIGIN } from '../../shared/domain/wiki-origin';

export const ITEM_ICON_FALLBACK = '/icons/item-fallback.svg';

export function iconUrl(icon: string): string {
  if (icon === '') return ITEM_ICON_FALLBACK;
  return `${WIKI_IMAGE_ORIGIN}/images/${encodeURIComponent(icon.replace(/ /g, '_'))}`;
}

// Where the wiki serves item images: the app loads icons from it, the service worker caches them,
// and the server's Content-Security-Policy allows it as the one image origin besides its own.
export const WIKI_IMAGE_ORIGIN = 'https://oldschool.runescape.wiki';

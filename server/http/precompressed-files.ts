// Which built files have compressed copies beside them, and what those copies are called: the
// build writes them (scripts/precompress.ts), the static file server sends them (static-files.ts).
import type { ContentCoding } from './accept-encoding';

/** Text; images (PNG) are compressed already. */
export const PRECOMPRESSED_EXTENSIONS: ReadonlySet<string> = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.webmanifest', '.txt', '.map']);

/** `<file>.br`, `<file>.gz`, written only when smaller than the file. */
export const COPY_SUFFIX: Readonly<Record<ContentCoding, string>> = { br: '.br', gzip: '.gz' };

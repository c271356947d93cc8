// Which content coding to answer with, from a request's Accept-Encoding (RFC 9110 §12.5.3). The
// server offers brotli and gzip; a tie on the client's weights goes to brotli, the smaller. Browsers
// list `gzip, deflate, br, zstd` all at weight 1, so taking the client's first would pick gzip.
// Shared by the JSON compression and the precompressed static files.

export type ContentCoding = 'br' | 'gzip';

const OFFERED: readonly ContentCoding[] = ['br', 'gzip'];

/** The coding's weight in the header: its own entry, else `*`, else 0 (not acceptable). */
function weights(header: string): (coding: string) => number {
  const listed = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (name === '') continue;
    let q = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key === 'q' && value !== undefined) q = Number.isFinite(Number(value)) ? Math.min(1, Math.max(0, Number(value))) : 0;
    }
    listed.set(name, q);
  }
  return (coding) => listed.get(coding) ?? listed.get('*') ?? 0;
}

/** The offered codings the client accepts, best first (its weight, then brotli before gzip). */
export function acceptedCodings(header: string | undefined): ContentCoding[] {
  if (header === undefined || header.trim() === '') return [];
  const weightOf = weights(header);
  return OFFERED.map((coding, order) => ({ coding, order, weight: weightOf(coding) }))
    .filter((c) => c.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .map((c) => c.coding);
}

/** null: answer uncompressed (no header, or neither coding acceptable). */
export function pickContentCoding(header: string | undefined): ContentCoding | null {
  return acceptedCodings(header)[0] ?? null;
}

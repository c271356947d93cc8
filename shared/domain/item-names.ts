// Item names to ids, for what a user types and for other tools' files (which carry names, not
// ids). Names change while ids don't, so a file from before a rename still carries the old name:
// RENAMED maps those old names to their ids. Add a row when a rename turns up (upstream-api.md).

/** Old name (as other tools wrote it) -> item id. */
export const RENAMED: Readonly<Record<string, number>> = {
  cannonball: 2,
};

export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** A lookup over the catalogue's current names, then the old names; null when nothing matches. */
export function createNameResolver(items: ReadonlyArray<{ id: number; name: string }>): (name: string) => number | null {
  const byName = new Map<string, number>();
  for (const item of items) byName.set(normaliseName(item.name), item.id);
  return (name) => {
    const key = normaliseName(name);
    return byName.get(key) ?? RENAMED[key] ?? null;
  };
}

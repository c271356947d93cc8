/**
 * What the catalogue knows of an item, as the wiki's /mapping describes it. A null limit, value or
 * alch value is a field the mapping omits for that item (unknown, not zero).
 */
export interface CatalogueFields {
  id: number;
  name: string;
  examine: string;
  members: boolean;
  icon: string;
  /** The GE buy limit per 4 hours. */
  limit: number | null;
  value: number | null;
  lowalch: number | null;
  highalch: number | null;
}

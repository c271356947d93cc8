import type { Migration } from 'kysely';
import * as initial from './001-initial';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '001-initial': initial,
};

import type { Migration } from 'kysely';
import * as initial from './001-initial';
import * as bucketsWithoutRowid from './002-buckets-without-rowid';

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-buckets-without-rowid': bucketsWithoutRowid,
};

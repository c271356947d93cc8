import type { Kysely, Migration } from 'kysely';
import type { Engine } from '../engine';
import * as initial from './001-initial';
import * as bucketsWithoutRowid from './002-buckets-without-rowid';
import * as leaderTerm from './010-leader-term';
import * as push from './016-push';
import * as latestPricesHot from './018-latest-prices-hot';
import * as limitResets from './021-limit-resets';

/** A migration that is told its engine, for the DDL that differs between SQLite and PostgreSQL. */
interface EngineMigration {
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
  down?(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

/** Every migration, by name; names sort in the order they run. */
const all: Record<string, EngineMigration> = {
  '001-initial': initial,
  '002-buckets-without-rowid': bucketsWithoutRowid,
  '010-leader-term': leaderTerm,
  '016-push': push,
  '018-latest-prices-hot': latestPricesHot,
  '021-limit-resets': limitResets,
};

/** The migrations as kysely runs them, bound to `engine`. */
export function migrationsFor(engine: Engine): Record<string, Migration> {
  const bound: Record<string, Migration> = {};
  for (const [name, migration] of Object.entries(all)) {
    const { up, down } = migration;
    bound[name] = down
      ? { up: (db) => up(db, engine), down: (db) => down(db, engine) }
      : { up: (db) => up(db, engine) };
  }
  return bound;
}

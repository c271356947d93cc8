import { type Kysely, sql } from 'kysely';

// Cluster mode's fencing token: the newest sync-leader term the store has seen. A price write
// carrying an older term is refused inside its transaction (server/store/leader-term.ts), so a
// leader deposed while paused or partitioned can never write after its successor. 0 in one
// process, where nothing fences. Numbered 010 to stay clear of migrations added beside it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table stream_state add column term bigint not null default 0`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table stream_state drop column term`.execute(db);
}

import type { Kysely } from 'kysely';

// Buy-limit resets a device is waiting for (docs/decisions/0021-limit-reset-alerts.md): each row
// is pushed once, when its time comes, by the instance that evaluates alerts, which deletes the
// row before it sends. Kept beside the subscription, not in its rules column, so the timer finds
// what is due by the time index alone. Numbered 021 to stay clear of migrations added beside it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('push_limit_resets')
    .addColumn('subscription_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('push_limit_resets_pk', ['subscription_id', 'item_id', 'at'])
    .execute();
  await db.schema.createIndex('push_limit_resets_at').on('push_limit_resets').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('push_limit_resets').execute();
}

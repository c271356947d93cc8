import type { Kysely } from 'kysely';

// Migrations take Kysely<unknown> and never import app code: they must keep working as the app changes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('items')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('examine', 'text', (c) => c.notNull())
    .addColumn('members', 'integer', (c) => c.notNull())
    .addColumn('icon', 'text', (c) => c.notNull())
    .addColumn('buy_limit', 'integer')
    .addColumn('value', 'integer')
    .addColumn('lowalch', 'integer')
    .addColumn('highalch', 'integer')
    .addColumn('name_lower', 'text', (c) => c.notNull())
    .addColumn('in_mapping', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('latest_prices')
    .addColumn('item_id', 'integer', (c) => c.primaryKey())
    .addColumn('high', 'bigint')
    .addColumn('high_time', 'bigint')
    .addColumn('low', 'bigint')
    .addColumn('low_time', 'bigint')
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('latest_prices_seq').on('latest_prices').column('seq').execute();

  await db.schema
    .createTable('stream_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('epoch', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('price_buckets')
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('timestep', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'bigint', (c) => c.notNull())
    .addColumn('avg_high', 'bigint')
    .addColumn('avg_low', 'bigint')
    .addColumn('high_volume', 'bigint', (c) => c.notNull())
    .addColumn('low_volume', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('price_buckets_pk', ['item_id', 'timestep', 'timestamp'])
    .execute();
  await db.schema
    .createIndex('price_buckets_step_time')
    .on('price_buckets')
    .columns(['timestep', 'timestamp'])
    .execute();

  await db.schema
    .createTable('synced_windows')
    .addColumn('timestep', 'text', (c) => c.notNull())
    .addColumn('timestamp', 'bigint', (c) => c.notNull())
    .addColumn('items', 'integer', (c) => c.notNull())
    .addColumn('synced_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('synced_windows_pk', ['timestep', 'timestamp'])
    .execute();

  await db.schema
    .createTable('item_volumes')
    .addColumn('item_id', 'integer', (c) => c.primaryKey())
    .addColumn('volume_1h', 'bigint')
    .addColumn('volume_24h', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sync_state')
    .addColumn('job', 'text', (c) => c.primaryKey())
    .addColumn('last_success', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', 'bigint')
    .addColumn('last_duration_ms', 'integer')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'sync_state', 'item_volumes', 'synced_windows', 'price_buckets', 'stream_state', 'latest_prices', 'items',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

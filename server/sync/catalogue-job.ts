import type { Logger } from '../logger';
import type { Db } from '../store/db';
import { upsertMapping } from '../store/items-repo';
import type { CallOptions, WikiClient } from '../upstream/wiki-client';

/** /mapping into the catalogue; renames are logged because the UI's names change with them. */
export async function syncMapping(deps: { db: Db; client: WikiClient; logger: Logger; now: () => number }, call: CallOptions): Promise<void> {
  const mapping = await deps.client.mapping(call);
  const result = await upsertMapping(deps.db, mapping, Math.floor(deps.now() / 1000));
  for (const rename of result.renamed) deps.logger.info(rename, 'item renamed');
  deps.logger.info({ items: mapping.length, added: result.added, renamed: result.renamed.length, dropped: result.dropped }, 'mapping synced');
}

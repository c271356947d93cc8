import { readMappedItemIds, upsertMapping } from '../store/items-repo';
import type { CallOptions } from '../upstream/wiki-client';
import type { JobContext } from './job-context';
import type { MappingGuard } from './mapping-guard';

export interface MappingJobDeps extends Pick<JobContext, 'db' | 'client' | 'logger' | 'now' | 'term'> {
  mappingGuard: MappingGuard;
}

/**
 * /mapping into the catalogue, unless the guard refuses it (empty, or losing too many known
 * items: health then shows why). Renames are logged because the UI's names change with them.
 */
export async function syncMapping(deps: MappingJobDeps, call: CallOptions): Promise<void> {
  const mapping = await deps.client.mapping(call);
  deps.mappingGuard.check(await readMappedItemIds(deps.db), mapping, deps.now());
  const result = await upsertMapping(deps.db, mapping, Math.floor(deps.now() / 1000), deps.term);
  for (const rename of result.renamed) deps.logger.info(rename, 'item renamed');
  deps.logger.info({ items: mapping.length, added: result.added, renamed: result.renamed.length, dropped: result.dropped }, 'mapping synced');
}

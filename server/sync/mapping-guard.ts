// Whether a /mapping may replace the catalogue. An empty one never may; one that drops more than
// MAX_LOST_SHARE of the known items (and more than MAX_LOST_ITEMS, so a small catalogue can lose a
// few) is a truncated or broken answer until proven otherwise: it is refused, and taken only once
// every mapping sync has seen such a shrink for SYNC_MAPPING_SHRINK_AFTER (default a day). The
// clock lives in memory, so a restart starts it again: the cautious side.
import { UpstreamError } from '../upstream/upstream-error';
import { formatDuration } from '../../shared/domain/duration';

export const MAX_LOST_SHARE = 0.1;
export const MAX_LOST_ITEMS = 25;

export interface MappingGuard {
  /** Throws an UpstreamError saying why when the mapping must not be taken now. */
  check(mapped: ReadonlySet<number>, incoming: readonly { id: number }[], nowMs: number): void;
}

export function createMappingGuard(shrinkAfterMs: number): MappingGuard {
  let shrinkSince: number | null = null;
  return {
    check(mapped, incoming, nowMs) {
      if (incoming.length === 0) {
        throw new UpstreamError('mapping', 'invalid', 'refused: the mapping is empty; the last good catalogue is kept');
      }
      const ids = new Set(incoming.map((item) => item.id));
      let lost = 0;
      for (const id of mapped) if (!ids.has(id)) lost += 1;
      if (lost <= Math.max(MAX_LOST_ITEMS, MAX_LOST_SHARE * mapped.size)) {
        shrinkSince = null;
        return;
      }
      shrinkSince ??= nowMs;
      if (nowMs - shrinkSince >= shrinkAfterMs) {
        shrinkSince = null;
        return;
      }
      const share = Math.round((lost / mapped.size) * 100);
      throw new UpstreamError(
        'mapping',
        'invalid',
        `refused: it would drop ${lost} of ${mapped.size} known items (${share}%, more than ${MAX_LOST_SHARE * 100}%); ` +
          `the last good catalogue is kept until such a shrink has lasted ${formatDuration(shrinkAfterMs)} ` +
          `(first seen ${new Date(shrinkSince).toISOString()})`,
      );
    },
  };
}

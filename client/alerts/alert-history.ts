// The history the rules need, for items with alerts: the 5-minute and hourly series, downloaded
// whole the first time (an alerted item's chart may never have been opened) and then kept up to
// date like the watchlist's (the leader's catch-up covers alerted items too).
import type { Timestep } from '../../shared/domain/timestep';
import { refreshSeries, type SeriesRefreshDeps } from '../db/series-refresh';

export const ALERT_SERIES: readonly Timestep[] = ['5m', '1h'];

/** Brings each item's alert series up to date, one request at a time. A failure leaves what is stored. */
export async function fetchAlertHistory(deps: SeriesRefreshDeps, itemIds: readonly number[]): Promise<void> {
  for (const itemId of itemIds) {
    for (const timestep of ALERT_SERIES) await refreshSeries(deps, itemId, timestep, { wholeIfMissing: true });
  }
}

// The newest 1h window's bucket per item, replaced whole when the server has another window (an
// item that did not trade in it must not keep an older hour's average). The same window again
// writes nothing: the poll runs every minute, the window changes once an hour.
import type { HourlyResponse } from '../../shared/protocol/hourly';
import { keepValid } from './guards';
import { readMeta } from './meta';
import { replaceStore } from './quota';
import { isHourRecord, toHourRecords, type HourRecord } from './records';
import type { GeDb } from './schema';

/**
 * Stores the answer's window unless it is the one held; the records now held, or null when
 * unchanged. Another window, even an older one (a server whose store started again), replaces it:
 * the averages follow the server the prices come from.
 */
export async function storeHourly(db: GeDb, response: HourlyResponse): Promise<HourRecord[] | null> {
  const held = await readMeta(db, 'hourlyWindow');
  if (response.timestamp === null || response.timestamp === held) return null;
  const records = toHourRecords(response);
  await replaceStore(db, 'hourly', records, { hourlyWindow: response.timestamp });
  return records;
}

export async function listHourly(db: GeDb): Promise<HourRecord[]> {
  return keepValid(isHourRecord, await db.getAll('hourly'));
}

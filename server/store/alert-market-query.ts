// What alert rules compare the latest prices against, for every item at once: the newest /5m
// window, and from the newest 24 hourly buckets the last hour's averages, the volume-weighted
// 24-hour averages and the 24-hour volume. Read again whenever a window is stored.
import { sql } from 'kysely';
import type { SeriesBucket } from '../../shared/domain/movers';
import type { LegAverages } from '../../shared/domain/alerts/alert-market';
import type { Db } from './db';

const HOUR = 3600;
const DAY = 86_400;

export interface AlertReference {
  window5m: SeriesBucket | null;
  avg1h: LegAverages | null;
  avg24h: LegAverages | null;
  volume24h: number | null;
}

async function newestWindow(db: Db, timestep: '5m' | '1h'): Promise<number | null> {
  const row = await db.selectFrom('synced_windows').select((eb) => eb.fn.max('timestamp').as('ts')).where('timestep', '=', timestep).executeTakeFirst();
  return row?.ts === null || row?.ts === undefined ? null : Number(row.ts);
}

const orNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export async function readAlertReferences(db: Db): Promise<Map<number, AlertReference>> {
  const references = new Map<number, AlertReference>();
  const entry = (itemId: number): AlertReference => {
    let reference = references.get(itemId);
    if (reference === undefined) {
      reference = { window5m: null, avg1h: null, avg24h: null, volume24h: null };
      references.set(itemId, reference);
    }
    return reference;
  };
  const five = await newestWindow(db, '5m');
  if (five !== null) {
    const rows = await db.selectFrom('price_buckets').select(['item_id', 'avg_high', 'avg_low', 'high_volume', 'low_volume'])
      .where('timestep', '=', '5m').where('timestamp', '=', five).execute();
    for (const row of rows) {
      entry(row.item_id).window5m = {
        timestamp: five, avgHighPrice: orNull(row.avg_high), avgLowPrice: orNull(row.avg_low),
        highPriceVolume: Number(row.high_volume), lowPriceVolume: Number(row.low_volume),
      };
    }
  }
  const hour = await newestWindow(db, '1h');
  if (hour !== null) {
    const { rows } = await sql<{ item_id: number; h_high: unknown; h_low: unknown; w_high: unknown; v_high: unknown; w_low: unknown; v_low: unknown; volume: unknown }>`
      select item_id,
        max(case when timestamp = ${hour} then avg_high end) as h_high,
        max(case when timestamp = ${hour} then avg_low end) as h_low,
        sum(case when avg_high is not null then avg_high * high_volume else 0 end) as w_high,
        sum(case when avg_high is not null then high_volume else 0 end) as v_high,
        sum(case when avg_low is not null then avg_low * low_volume else 0 end) as w_low,
        sum(case when avg_low is not null then low_volume else 0 end) as v_low,
        sum(high_volume + low_volume) as volume
      from price_buckets
      where timestep = '1h' and timestamp >= ${hour - DAY + HOUR} and timestamp <= ${hour}
      group by item_id`.execute(db);
    for (const row of rows) {
      const reference = entry(Number(row.item_id));
      const vHigh = Number(row.v_high);
      const vLow = Number(row.v_low);
      reference.avg1h = { high: orNull(row.h_high), low: orNull(row.h_low) };
      reference.avg24h = { high: vHigh > 0 ? Number(row.w_high) / vHigh : null, low: vLow > 0 ? Number(row.w_low) / vLow : null };
      reference.volume24h = Number(row.volume);
    }
  }
  return references;
}

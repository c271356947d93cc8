// The one place a catalogue record becomes the device's CatalogueItem, or the API's ItemRow.
import { computeFigures } from '../../shared/domain/figures';
import type { CatalogueItem, ItemRow } from '../../shared/protocol/api';
import type { CatalogueRecord } from '../store/catalogue-query';

const age = (time: number | null, now: number): number | null => (time === null ? null : Math.max(0, now - time));

/** What the device keeps: no prices, no figures (it computes those itself). */
export function toCatalogueItem(record: CatalogueRecord): CatalogueItem {
  return {
    id: record.id,
    name: record.name,
    examine: record.examine,
    members: record.members,
    icon: record.icon,
    limit: record.limit,
    value: record.value,
    lowalch: record.lowalch,
    highalch: record.highalch,
    volume1h: record.volume1h,
    volume24h: record.volume24h,
  };
}

/** `now` and `staleAfter` in unix seconds. */
export function toItemRow(record: CatalogueRecord, now: number, staleAfter: number): ItemRow {
  const figures = computeFigures({ ...record, itemId: record.id }, now, staleAfter);
  return {
    ...toCatalogueItem(record),
    high: record.high,
    highTime: record.highTime,
    low: record.low,
    lowTime: record.lowTime,
    seq: record.seq,
    margin: figures.margin,
    tax: figures.tax,
    profit: figures.profit,
    roi: figures.roi,
    alchProfit: figures.alchProfit,
    highAge: age(record.highTime, now),
    lowAge: age(record.lowTime, now),
    stale: figures.stale,
    inverted: figures.inverted,
  };
}

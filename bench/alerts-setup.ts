// What the alerts benchmark runs against: the real /latest series, the day of /1h windows and a
// /5m window from ../shared/data/osrs-wiki (generated data of the same size when absent), a store
// holding those windows, and 10,000 devices' rules spread over the items that trade.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../server/store/db';
import { ingestWindow } from '../server/store/windows-repo';
import { toBuckets } from '../server/sync/window-job';
import { LatestResponseSchema, WindowResponseSchema, type LatestResponse, type WindowResponse } from '../server/upstream/schemas';
import { AlertRuleSchema, type AlertRule } from '../shared/protocol/alerts';
import { ALERT_MEASURES } from '../shared/protocol/alerts';

const DATA = new URL('../../shared/data/osrs-wiki/', import.meta.url).pathname;

export interface BenchMarket {
  source: 'real' | 'generated';
  latest: LatestResponse[];
  hours: WindowResponse[];
  fiveMinute: WindowResponse;
  mapping: unknown[] | null;
}

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

function generated(): BenchMarket {
  let seed = 7;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const ids = Array.from({ length: 4162 }, (_, i) => 2 + i * 7);
  const base = new Map(ids.map((id) => [id, Math.floor(10 + random() * 1e6)]));
  const latest = Array.from({ length: 12 }, (_, s) => ({
    data: Object.fromEntries(ids.map((id) => {
      const moved = random() < 0.36 ? s : 0;
      const price = (base.get(id) ?? 100) + moved;
      return [String(id), { high: price + 5, highTime: 1748239000 + moved * 300, low: price, lowTime: 1748239000 + moved * 300 }];
    })),
  })) as LatestResponse[];
  const window = (timestamp: number) => ({
    timestamp,
    data: Object.fromEntries(ids.slice(0, 2900).map((id) => [String(id), { avgHighPrice: (base.get(id) ?? 100) + 5, highPriceVolume: 50, avgLowPrice: base.get(id) ?? 100, lowPriceVolume: 40 }])),
  }) as WindowResponse;
  return { source: 'generated', latest, hours: Array.from({ length: 24 }, (_, h) => window(1748145600 + h * 3600)), fiveMinute: window(1748242500), mapping: null };
}

export function loadMarket(): BenchMarket {
  const series = join(DATA, 'latest-series');
  const hours = join(DATA, '1h-series');
  if (!existsSync(series) || !existsSync(hours)) return generated();
  const files = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
  return {
    source: 'real',
    latest: files(series).map((f) => LatestResponseSchema.parse(readJson(f))),
    hours: files(hours).map((f) => WindowResponseSchema.parse(readJson(f))),
    fiveMinute: WindowResponseSchema.parse(readJson(join(DATA, '5m.json'))),
    mapping: existsSync(join(DATA, 'mapping-2026-05.json')) ? (readJson(join(DATA, 'mapping-2026-05.json')) as unknown[]) : null,
  };
}

/** The day of hours and the 5-minute window into the store, as the sync would have put them. */
export async function storeWindows(db: Db, market: BenchMarket): Promise<void> {
  for (const hour of market.hours) await ingestWindow(db, '1h', hour.timestamp, toBuckets(hour));
  await ingestWindow(db, '5m', market.fiveMinute.timestamp, toBuckets(market.fiveMinute));
}

/**
 * `devices` × `perDevice` rules on items that trade, near their prices so some fire: thresholds
 * on every measure, moves and dumps, instant and confirmed.
 */
export function generateRules(market: BenchMarket, devices: number, perDevice: number): AlertRule[][] {
  let seed = 11;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const first = market.latest[0]!.data;
  const traded = Object.entries(first).filter(([, legs]) => legs.high !== null && legs.low !== null).map(([id, legs]) => ({ id: Number(id), low: legs.low!, high: legs.high! }));
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  return Array.from({ length: devices }, () => Array.from({ length: perDevice }, (_, r) => {
    const item = pick(traded);
    const roll = random();
    const kind = roll < 0.6 ? 'threshold' : roll < 0.85 ? 'move' : 'dump';
    const measure = kind === 'dump' ? pick(['buy', 'sell'] as const) : kind === 'move' ? pick(['buy', 'sell'] as const) : pick(ALERT_MEASURES);
    const near = measure === 'sell' ? item.high : measure === 'margin' ? item.high - item.low : measure === 'roi' ? 2 : measure === 'volume' ? 1000 : item.low;
    const target = kind === 'threshold' ? Math.round(near * (0.98 + random() * 0.04)) : Math.round(2 + random() * 10);
    return AlertRuleSchema.parse({
      id: `r${r}`, itemId: item.id, kind, measure, op: pick(['above', 'below'] as const), target,
      mode: random() < 0.7 ? 'instant' : 'confirmed', window: pick(['1h', '24h'] as const),
    });
  }));
}

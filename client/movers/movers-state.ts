// The movers page's data: the server's ranking when online (cached there per sync), else the
// same ranking from what this device holds.
import { createResource, type Accessor } from 'solid-js';
import { rankMovers, type Mover, type MoverPeriod } from '../../shared/domain/movers';
import { readDeviceMovers } from '../db/movers-device';
import type { AppData } from '../state/app-data';

export interface MoversView {
  risers: Mover[];
  fallers: Mover[];
  asOf: number | null;
  fromDevice: boolean;
}

async function loadMovers(data: AppData, period: MoverPeriod, minVolume: number): Promise<MoversView> {
  if (!data.offline()) {
    try {
      const answer = await data.api.movers(period, minVolume);
      return { risers: answer.risers, fallers: answer.fallers, asOf: answer.asOf, fromDevice: false };
    } catch {
      // Documented fallback: the server could not be reached or answered badly; rank from the device.
    }
  }
  const device = await readDeviceMovers(data.db, period, Math.floor(Date.now() / 1000));
  return { ...rankMovers(device.summaries, minVolume), asOf: device.asOf, fromDevice: true };
}

export function createMovers(data: AppData, period: Accessor<MoverPeriod>, minVolume: Accessor<number>) {
  const [movers] = createResource(() => ({ period: period(), minVolume: minVolume(), offline: data.offline() }), (key) => loadMovers(data, key.period, key.minVolume));
  return movers;
}

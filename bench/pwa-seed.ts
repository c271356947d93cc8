// Runs inside the page (Playwright serialises the function, so it must be self-contained): replaces
// the device's catalogue, prices, 1h averages and history with a synthetic catalogue at real scale, written in
// the shapes client/db/records.ts reads.

export interface DeviceSeed {
  items: number;
  chartItem: number;
  yearPoints: number;
  fiveMinutePoints: number;
}

export async function seedDevice(seed: DeviceSeed): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('ge-tracker');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const now = Math.floor(Date.now() / 1000);
  const tx = db.transaction(['items', 'latest', 'points', 'meta', 'hourly'], 'readwrite');
  for (const name of ['items', 'latest', 'points', 'hourly'] as const) tx.objectStore(name).clear();
  const items = tx.objectStore('items');
  const latest = tx.objectStore('latest');
  const hourly = tx.objectStore('hourly');
  const hour = now - (now % 3600) - 3600;
  for (let id = 1; id <= seed.items; id += 1) {
    const base = 50 + ((id * 7919) % 2_000_000);
    items.put({
      id,
      name: `Bench item ${id}`,
      examine: 'A synthetic item.',
      members: id % 3 !== 0,
      icon: `Bench item ${id}.png`,
      limit: id % 5 === 0 ? null : 100 + (id % 900),
      value: base,
      lowalch: Math.floor(base * 0.4),
      highalch: Math.floor(base * 0.6),
      volume1h: id % 7 === 0 ? null : id * 3,
      volume24h: id % 7 === 0 ? null : id * 70,
    });
    latest.put({ itemId: id, high: base + (id % 50), highTime: now - (id % 4000), low: base, lowTime: now - (id % 3000), seq: id });
    // Every tenth item an hour that averaged a fifth lower: "unstable" for the steady filter.
    const avg = id % 10 === 0 ? Math.round(base * 0.8) : base;
    hourly.put({ itemId: id, timestamp: hour, avgHigh1h: avg + (id % 50), avgLow1h: avg, volumes: [id % 90, id % 70] });
  }
  const points = tx.objectStore('points');
  const day = 86_400;
  const today = now - (now % day);
  for (let i = 0; i < seed.yearPoints; i += 1) {
    const price = 1_700_000 + Math.round(Math.sin(i / 9) * 40_000);
    points.put({ itemId: seed.chartItem, timestep: '24h', timestamp: today - i * day, avgHighPrice: price + 8000, avgLowPrice: price, highPriceVolume: 900 + (i % 40), lowPriceVolume: 1100 + (i % 30) });
  }
  const fiveMinutes = now - (now % 300);
  for (let i = 0; i < seed.fiveMinutePoints; i += 1) {
    const price = 1_710_000 + Math.round(Math.cos(i / 7) * 6000);
    points.put({ itemId: seed.chartItem, timestep: '5m', timestamp: fiveMinutes - i * 300, avgHighPrice: price + 5000, avgLowPrice: price, highPriceVolume: 3 + (i % 5), lowPriceVolume: 4 + (i % 3) });
  }
  const meta = tx.objectStore('meta');
  meta.put(Date.now(), 'catalogueAt');
  meta.put(Date.now(), 'pricesAt');
  meta.put(hour, 'hourlyWindow');
  meta.put({ fullAt: Date.now() }, `history:${seed.chartItem}:24h`);
  meta.put({ fullAt: Date.now() }, `history:${seed.chartItem}:5m`);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

// `npm run demo`: a simulated market that speaks the wiki's prices API on loopback, so the real
// client, schemas and sync run against it unchanged. Its JSON has exactly the wiki's shapes and
// marks nothing as demo (the server's health does that).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../logger';
import { DEMO_ITEMS, type DemoItem } from './catalogue';
import { createSimulation, type Simulation } from './simulation';
import { TIMESERIES_POINTS } from '../schemas';
import { isTimestep, TIMESTEP_SECONDS } from '../../../shared/domain/timestep';

export interface DemoMarket {
  /** Base URL of the simulated wiki API on loopback, e.g. http://127.0.0.1:PORT/api/v1/osrs */
  url: string;
  close(): Promise<void>;
}

export interface DemoMarketOptions {
  /** How often prices move. */
  tickMs: number;
  logger: Logger;
  /** Same seed, same history (default 2013, the year Old School launched). */
  seed?: number;
  /** Unix milliseconds; tests pin it. */
  now?: () => number;
  items?: readonly DemoItem[];
}


export async function startDemoMarket(options: DemoMarketOptions): Promise<DemoMarket> {
  const now = options.now ?? Date.now;
  const seconds = (): number => Math.floor(now() / 1000);
  const items = options.items ?? DEMO_ITEMS;
  const simulation = createSimulation(items, options.seed ?? 2013, seconds());
  const timer = setInterval(() => simulation.tick(seconds()), options.tickMs);
  timer.unref();

  const server = createServer((req, res) => {
    try {
      route(req, res, items, simulation, seconds());
    } catch (err) {
      options.logger.error({ err, url: req.url }, 'demo market request failed');
      send(res, 500, { error: 'internal error' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  options.logger.info({ items: items.length, tickMs: options.tickMs }, 'demo market open');

  return {
    url: `http://127.0.0.1:${port}/api/v1/osrs`,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function route(req: IncomingMessage, res: ServerResponse, items: readonly DemoItem[], sim: Simulation, now: number): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const query = url.searchParams;
  switch (url.pathname) {
    case '/api/v1/osrs/mapping':
      return send(res, 200, items.map(toMappingItem));
    case '/api/v1/osrs/latest': {
      const only = query.get('id');
      const data: Record<string, unknown> = {};
      for (const [id, legs] of sim.latest()) if (only === null || only === String(id)) data[id] = legs;
      return send(res, 200, { data });
    }
    case '/api/v1/osrs/5m':
    case '/api/v1/osrs/1h': {
      const size = TIMESTEP_SECONDS[url.pathname.endsWith('5m') ? '5m' : '1h'];
      const newest = now - (now % size) - size;
      const asked = query.get('timestamp');
      const ts = asked === null ? newest : Number(asked) - (Number(asked) % size);
      if (!Number.isSafeInteger(ts) || ts < 0) return send(res, 400, { error: 'bad timestamp' });
      const data: Record<string, unknown> = {};
      // A window that has not ended yet has not been published.
      if (ts <= newest) {
        for (const item of items) {
          const bucket = sim.bucket(item.id, size, ts);
          if (bucket) data[item.id] = bucket;
        }
      }
      return send(res, 200, { data, timestamp: ts });
    }
    case '/api/v1/osrs/timeseries': {
      const id = Number(query.get('id'));
      const timestep = query.get('timestep');
      if (!isTimestep(timestep) || !sim.has(id)) return send(res, 400, { error: 'bad id or timestep' });
      const size = TIMESTEP_SECONDS[timestep];
      const newest = now - (now % size) - size;
      const data: unknown[] = [];
      for (let ts = newest - (TIMESERIES_POINTS - 1) * size; ts <= newest; ts += size) {
        const bucket = sim.bucket(id, size, ts);
        if (bucket) {
          data.push({
            timestamp: ts,
            avgHighPrice: bucket.avgHighPrice,
            avgLowPrice: bucket.avgLowPrice,
            highPriceVolume: bucket.highPriceVolume,
            lowPriceVolume: bucket.lowPriceVolume,
          });
        }
      }
      return send(res, 200, { data, itemId: id });
    }
    default:
      return send(res, 404, { error: 'not found' });
  }
}

/** The wiki omits a field it has no value for rather than sending null. */
function toMappingItem(item: DemoItem): Record<string, unknown> {
  const out: Record<string, unknown> = { examine: item.examine, id: item.id, members: item.members };
  if (item.lowalch !== null) out.lowalch = item.lowalch;
  if (item.limit !== null) out.limit = item.limit;
  if (item.value !== null) out.value = item.value;
  if (item.highalch !== null) out.highalch = item.highalch;
  out.icon = item.icon;
  out.name = item.name;
  return out;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

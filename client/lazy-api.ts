// The api module, loaded after the first paint: its zod schemas are the largest part of the
// client, and a table drawn from IndexedDB does not need them.
import type { Api, ApiOptions } from './api';

export function createLazyApi(options: ApiOptions): Api {
  let api: Promise<Api> | null = null;
  const load = (): Promise<Api> => (api ??= import('./api').then((module) => module.createApi(options)));
  return {
    health: async () => (await load()).health(),
    allItems: async () => (await load()).allItems(),
    item: async (id) => (await load()).item(id),
    history: async (id, timestep, since) => (await load()).history(id, timestep, since),
    latestPrices: async (since) => (await load()).latestPrices(since),
    movers: async (period, minVolume) => (await load()).movers(period, minVolume),
    pushKey: async () => (await load()).pushKey(),
    sendSubscription: async (method, body) => (await load()).sendSubscription(method, body),
    deleteSubscription: async (body) => (await load()).deleteSubscription(body),
  };
}

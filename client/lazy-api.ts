// The api module, loaded after the first paint: its zod schemas are the largest part of the
// client, and a table drawn from IndexedDB does not need them.
import type { Api, ApiOptions } from './api';

export function createLazyApi(options: ApiOptions): Api {
  let api: Promise<Api> | null = null;
  const load = (): Promise<Api> => (api ??= import('./api').then((module) => module.createApi(options)));
  return {
    health: async () => (await load()).health(),
    catalogue: async () => (await load()).catalogue(),
    item: async (id) => (await load()).item(id),
    history: async (id, timestep, since) => (await load()).history(id, timestep, since),
    latestPrices: async (since) => (await load()).latestPrices(since),
    movers: async (period, minVolume) => (await load()).movers(period, minVolume),
    hourly: async () => (await load()).hourly(),
    pushKey: async () => (await load()).pushKey(),
    registerSubscription: async (subscription, rules, resets) => (await load()).registerSubscription(subscription, rules, resets),
    replaceRules: async (id, auth, rules, resets) => (await load()).replaceRules(id, auth, rules, resets),
    deleteSubscription: async (id, auth) => (await load()).deleteSubscription(id, auth),
  };
}

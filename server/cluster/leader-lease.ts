// The sync leader's lease: `prefix:leader` = `<instance>:<term>` with a TTL, taken only when
// free (term from INCR `prefix:term`, in the same script), renewed every third of the TTL by
// compare-and-renew, released by compare-and-delete. A renewal that fails or answers "not
// yours" deposes this instance at once (trigger.dev#3428: a leader that went on leading after
// its renewal failed). The store's term fence (server/store/leader-term.ts) backs this up.
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';

// KEYS: leader, term. ARGV: instance, ttl, floor (a term the store has seen; never hand out one below it).
const ACQUIRE = `
local holder = redis.call('get', KEYS[1])
if holder then return {0, holder} end
local term = redis.call('incr', KEYS[2])
local floor = tonumber(ARGV[3])
if term <= floor then term = floor + 1; redis.call('set', KEYS[2], term) end
redis.call('set', KEYS[1], ARGV[1] .. ':' .. term, 'PX', ARGV[2])
return {term, ARGV[1] .. ':' .. term}`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

export interface LeaseState {
  role: 'leader' | 'follower';
  /** This instance's term while it leads, else the newest term it has seen. */
  term: number;
  /** `<instance>:<term>` of the leader last seen, null when none was. */
  leader: string | null;
}

export interface LeaderLeaseDeps {
  redis: Redis;
  prefix: string;
  instanceId: string;
  ttlMs: number;
  /** The newest term the store has seen (asked before each attempt at taking a free lease). */
  storeTerm: () => Promise<number>;
  /** Won the lease; resolve false to give it back (the store refused the term). */
  onElected: (term: number) => Promise<boolean>;
  /** Lost it: stop writing now. Called synchronously, before anything else happens. */
  onDeposed: (term: number, reason: string) => void;
  logger: Logger;
}

export interface LeaderLease {
  start(): void;
  state(): LeaseState;
  /** Stops trying, and releases the lease if held. */
  stop(): Promise<void>;
}

export function createLeaderLease(deps: LeaderLeaseDeps): LeaderLease {
  const { redis, logger } = deps;
  const keys = [`${deps.prefix}leader`, `${deps.prefix}term`];
  const state: LeaseState = { role: 'follower', term: 0, leader: null };
  // Followers look more often than leaders renew, so a free lease is taken soon after it expires.
  const renewEveryMs = Math.max(50, Math.floor(deps.ttlMs / 3));
  const lookEveryMs = Math.max(50, Math.floor(deps.ttlMs / 6));
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let round: Promise<void> = Promise.resolve();
  let renewedAt = 0;

  const token = (): string => `${deps.instanceId}:${state.term}`;

  const depose = (reason: string): void => {
    if (state.role !== 'leader') return;
    state.role = 'follower';
    logger.warn({ term: state.term, reason }, 'no longer the sync leader');
    deps.onDeposed(state.term, reason);
  };

  const renew = async (): Promise<void> => {
    // Paused past the TTL (a stopped process, a blocked loop): the lease may be another's by now.
    if (Date.now() - renewedAt >= deps.ttlMs) return depose('the lease ran out before it could be renewed');
    const started = Date.now();
    let renewed: unknown;
    try {
      renewed = await redis.eval(RENEW, 1, keys[0] ?? '', token(), deps.ttlMs);
    } catch (err) {
      return depose(`lease renewal failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (renewed !== 1) return depose('the lease is held by another instance');
    renewedAt = started;
  };

  const acquire = async (): Promise<void> => {
    const floor = Math.max(state.term, await deps.storeTerm());
    const started = Date.now();
    const reply = (await redis.eval(ACQUIRE, 2, keys[0] ?? '', keys[1] ?? '', deps.instanceId, deps.ttlMs, floor)) as [number, string];
    const [term, holder] = reply;
    state.leader = holder;
    const seen = Number(holder.slice(holder.lastIndexOf(':') + 1));
    if (Number.isFinite(seen)) state.term = Math.max(state.term, seen);
    if (term === 0 || stopped) return;
    state.term = term;
    state.role = 'leader';
    renewedAt = started;
    logger.info({ term }, 'elected sync leader');
    if (!(await deps.onElected(term))) {
      depose('the store has seen a newer term');
      await redis.eval(RELEASE, 1, keys[0] ?? '', `${deps.instanceId}:${term}`).catch(() => undefined);
    }
  };

  const tick = (): void => {
    round = (state.role === 'leader' ? renew() : acquire()).catch((err: unknown) => {
      logger.debug({ err: err instanceof Error ? err.message : String(err) }, 'lease attempt failed');
    });
    void round.then(() => {
      if (!stopped) timer = setTimeout(tick, state.role === 'leader' ? renewEveryMs : lookEveryMs);
    });
  };

  return {
    start: tick,
    state: () => ({ ...state }),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
      if (state.role !== 'leader') return;
      const held = token();
      depose('shutting down');
      await redis.eval(RELEASE, 1, keys[0] ?? '', held).catch(() => undefined);
    },
  };
}

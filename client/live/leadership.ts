// One tab per browser holds the live connection. With Web Locks the browser itself guarantees a
// single holder and hands the lock to a waiting tab the moment the holder's tab closes. Without
// them, the tabs elect one over a BroadcastChannel: the leader announces itself on a heartbeat,
// a tab that hears none claims the role, and of two claimants the lower id keeps it.

/** The part of the Web Locks API used here (navigator.locks fits it). */
export interface LockRequester {
  request(name: string, options: { signal: AbortSignal }, granted: () => Promise<void>): Promise<unknown>;
}

export interface LeadershipOptions {
  name: string;
  /** Called when this tab becomes the leader; returns what to do when it stops being one. */
  lead(): () => void;
  locks?: LockRequester | undefined;
  openChannel?: (name: string) => BroadcastChannel;
  /** Fallback election only. */
  heartbeatMs?: number;
}

export interface Leadership {
  /** Gives up the role (or the place in the queue); another tab takes over. */
  stop(): void;
}

export function electLeader(options: LeadershipOptions): Leadership {
  const locks = options.locks;
  return locks ? electWithLocks(locks, options) : electOverChannel(options);
}

function electWithLocks(locks: LockRequester, options: LeadershipOptions): Leadership {
  const abort = new AbortController();
  let release = (): void => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let resign: (() => void) | null = null;
  locks
    .request(options.name, { signal: abort.signal }, async () => {
      if (abort.signal.aborted) return;
      resign = options.lead();
      await held;
    })
    // Aborted while still waiting in the queue: nothing was held.
    .catch(() => {});
  return {
    stop() {
      abort.abort();
      resign?.();
      resign = null;
      release();
    },
  };
}

interface ElectionMessage {
  type: 'leader' | 'resign' | 'who';
  id: string;
}

function isElectionMessage(value: unknown): value is ElectionMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { type, id } = value as Record<string, unknown>;
  return (type === 'leader' || type === 'resign' || type === 'who') && typeof id === 'string';
}

function electOverChannel(options: LeadershipOptions): Leadership {
  const heartbeatMs = options.heartbeatMs ?? 1_000;
  const channel = (options.openChannel ?? ((name) => new BroadcastChannel(name)))(`${options.name}:election`);
  // Older tabs sort first, so a long-lived leader is not displaced by every new tab.
  const id = `${Date.now().toString(36).padStart(10, '0')}-${Math.random().toString(36).slice(2)}`;
  let resign: (() => void) | null = null;
  let lastHeard = 0;
  const post = (type: ElectionMessage['type']) => channel.postMessage({ type, id } satisfies ElectionMessage);

  const claim = (): void => {
    if (resign !== null) return;
    resign = options.lead();
    post('leader');
  };
  const stepDown = (): void => {
    resign?.();
    resign = null;
  };

  channel.onmessage = (event: MessageEvent) => {
    const message: unknown = event.data;
    if (!isElectionMessage(message) || message.id === id) return;
    if (message.type === 'who' && resign !== null) post('leader');
    if (message.type === 'resign') {
      lastHeard = 0;
      claim();
    }
    if (message.type !== 'leader') return;
    if (resign !== null && id < message.id) return post('leader');
    lastHeard = Date.now();
    stepDown();
  };

  post('who');
  lastHeard = Date.now() - 2 * heartbeatMs;
  const timer = setInterval(() => {
    if (resign !== null) post('leader');
    else if (Date.now() - lastHeard > 3 * heartbeatMs) claim();
  }, heartbeatMs);

  return {
    stop() {
      clearInterval(timer);
      if (resign !== null) post('resign');
      stepDown();
      channel.close();
    },
  };
}

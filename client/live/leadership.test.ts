import { describe, expect, it } from 'vitest';
import { electLeader, type Leadership, type LockRequester } from './leadership';

/** Web Locks' exclusive mode: one holder per name, the others queue in order; an abort leaves the queue. */
function createFakeLocks(): LockRequester {
  const queues = new Map<string, Array<{ signal: AbortSignal; granted: () => Promise<void>; done: (v: unknown) => void; fail: (e: unknown) => void }>>();
  const held = new Set<string>();
  const next = (name: string): void => {
    if (held.has(name)) return;
    const waiter = queues.get(name)?.shift();
    if (!waiter) return;
    held.add(name);
    void waiter.granted().then(waiter.done, waiter.fail).finally(() => {
      held.delete(name);
      next(name);
    });
  };
  return {
    request(name, options, granted) {
      return new Promise((done, fail) => {
        const waiter = { signal: options.signal, granted, done, fail };
        queues.set(name, [...(queues.get(name) ?? []), waiter]);
        options.signal.addEventListener('abort', () => {
          const queue = queues.get(name) ?? [];
          if (queue.includes(waiter)) {
            queues.set(name, queue.filter((w) => w !== waiter));
            fail(new DOMException('aborted', 'AbortError'));
          }
        });
        next(name);
      });
    },
  };
}

interface Tab {
  name: string;
  leading: boolean;
  leadership: Leadership;
}

function openTabs(count: number, elect: (lead: () => () => void) => Leadership): Tab[] {
  return Array.from({ length: count }, (_, i) => {
    const tab = { name: `tab ${i + 1}`, leading: false } as Tab;
    tab.leadership = elect(() => {
      tab.leading = true;
      return () => (tab.leading = false);
    });
    return tab;
  });
}

const leaders = (tabs: Tab[]) => tabs.filter((t) => t.leading).map((t) => t.name);

describe('one live connection per browser', () => {
  it('with Web Locks, lets exactly one tab lead and hands over when it closes', async () => {
    const locks = createFakeLocks();
    const tabs = openTabs(3, (lead) => electLeader({ name: 'live', lead, locks }));
    await expect.poll(() => leaders(tabs)).toEqual(['tab 1']);
    tabs[0]?.leadership.stop();
    await expect.poll(() => leaders(tabs)).toEqual(['tab 2']);
    tabs[2]?.leadership.stop();
    tabs[1]?.leadership.stop();
    await expect.poll(() => leaders(tabs)).toEqual([]);
  });

  it('without Web Locks, elects one tab over a BroadcastChannel and hands over when it closes', async () => {
    const name = `live-${crypto.randomUUID()}`;
    const tabs = openTabs(3, (lead) => electLeader({ name, lead, heartbeatMs: 20 }));
    try {
      await expect.poll(() => leaders(tabs).length, { timeout: 3_000 }).toBe(1);
      const leader = tabs.find((t) => t.leading);
      leader?.leadership.stop();
      await expect.poll(() => leaders(tabs).length, { timeout: 3_000 }).toBe(1);
      expect(leaders(tabs)).not.toContain(leader?.name);
    } finally {
      for (const tab of tabs) tab.leadership.stop();
    }
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHiddenPause, HIDDEN_PAUSE_MS } from './hidden-pause';

afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  vi.useFakeTimers();
  const calls: string[] = [];
  const policy = createHiddenPause({ pause: () => calls.push('pause'), resume: () => calls.push('resume') });
  return { policy, calls };
}

describe('the stream of a hidden app', () => {
  it('stays open through a short switch away, with no reconnect on return', () => {
    const { policy, calls } = setup();
    policy.hidden();
    vi.advanceTimersByTime(HIDDEN_PAUSE_MS - 1);
    policy.shown();
    vi.advanceTimersByTime(HIDDEN_PAUSE_MS * 2);
    expect(calls).toEqual([]);
    expect(policy.paused()).toBe(false);
  });

  it('closes after five minutes hidden and reopens once when shown again', () => {
    const { policy, calls } = setup();
    policy.hidden();
    vi.advanceTimersByTime(HIDDEN_PAUSE_MS);
    expect(calls).toEqual(['pause']);
    expect(policy.paused()).toBe(true);
    vi.advanceTimersByTime(60 * 60_000);
    policy.shown();
    policy.shown();
    expect(calls).toEqual(['pause', 'resume']);
  });

  it('reopens for another tab on screen, and closes again only after another five minutes hidden', () => {
    const { policy, calls } = setup();
    policy.hidden();
    vi.advanceTimersByTime(HIDDEN_PAUSE_MS);
    policy.needed();
    expect(calls).toEqual(['pause', 'resume']);
    vi.advanceTimersByTime(HIDDEN_PAUSE_MS - 1);
    expect(calls).toEqual(['pause', 'resume']);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['pause', 'resume', 'pause']);
  });

  it('does nothing for a tab on screen that is asked whether it needs the stream', () => {
    const { policy, calls } = setup();
    policy.needed();
    vi.advanceTimersByTime(HIDDEN_PAUSE_MS * 3);
    expect(calls).toEqual([]);
  });
});

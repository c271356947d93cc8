import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseStreamMessage } from './stream-messages';
import { addHistoryEvent, createHistoryRefresh, stepsOf, type HistoryChanges } from './history-refresh';

const HOUR = 3600;
/** A UTC midnight, so the 6h and 24h buckets are easy to name. */
const DAY0 = 1_748_217_600;

afterEach(() => {
  vi.useRealTimers();
});

describe('what a history event changes', () => {
  it('a 5m window changes only the 5m series, from its own bucket', () => {
    expect(addHistoryEvent({}, { timestep: '5m', timestamp: DAY0 + 600 })).toEqual({ '5m': DAY0 + 600 });
  });

  it('an hour also changes the 6h and 24h buckets that hold it', () => {
    expect(addHistoryEvent({}, { timestep: '1h', timestamp: DAY0 + 7 * HOUR })).toEqual({
      '1h': DAY0 + 7 * HOUR,
      '6h': DAY0 + 6 * HOUR,
      '24h': DAY0,
    });
  });

  it('keeps the oldest change per series, so a backfill sent newest first is fetched whole', () => {
    let changes: HistoryChanges = {};
    for (const at of [DAY0 + 900, DAY0 + 600, DAY0 + 300]) changes = addHistoryEvent(changes, { timestep: '5m', timestamp: at });
    expect(changes).toEqual({ '5m': DAY0 + 300 });
  });

  it('refreshes only the series named, or all of them when none are', () => {
    expect(stepsOf({ '1h': 1, '24h': 2 })).toEqual(['1h', '24h']);
    expect(stepsOf(undefined)).toEqual(['5m', '1h', '6h', '24h']);
  });

  it('reads the stream event, and drops one that does not fit the contract', () => {
    expect(parseStreamMessage('history', `{"timestep":"1h","timestamp":${DAY0}}`, '')).toEqual({
      type: 'history',
      event: { timestep: '1h', timestamp: DAY0 },
    });
    expect(parseStreamMessage('history', `{"timestep":"2h","timestamp":${DAY0}}`, '')).toBeNull();
    expect(parseStreamMessage('history', '{"timestep":"1h"}', '')).toBeNull();
  });
});

describe('gathering history events', () => {
  it('turns a burst of windows into one refresh per series', () => {
    vi.useFakeTimers();
    const flushed: HistoryChanges[] = [];
    const refresh = createHistoryRefresh({ flush: (changes) => flushed.push(changes), quietMs: 300, maxWaitMs: 5_000 });
    refresh.add({ timestep: '5m', timestamp: DAY0 + 600 });
    vi.advanceTimersByTime(200);
    refresh.add({ timestep: '5m', timestamp: DAY0 + 300 });
    vi.advanceTimersByTime(200);
    refresh.add({ timestep: '1h', timestamp: DAY0 });
    expect(flushed).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(flushed).toEqual([{ '5m': DAY0 + 300, '1h': DAY0, '6h': DAY0, '24h': DAY0 }]);
  });

  it('still refreshes during a long backfill, then again for what came after', () => {
    vi.useFakeTimers();
    const flushed: HistoryChanges[] = [];
    const refresh = createHistoryRefresh({ flush: (changes) => flushed.push(changes), quietMs: 300, maxWaitMs: 1_000 });
    for (let i = 0; i < 8; i += 1) {
      refresh.add({ timestep: '5m', timestamp: DAY0 + (20 - i) * 300 });
      vi.advanceTimersByTime(200);
    }
    expect(flushed).toEqual([{ '5m': DAY0 + 16 * 300 }]);
    vi.advanceTimersByTime(300);
    expect(flushed).toEqual([{ '5m': DAY0 + 16 * 300 }, { '5m': DAY0 + 13 * 300 }]);
  });

  it('forgets what it held once stopped (the tab no longer leads)', () => {
    vi.useFakeTimers();
    const flushed: HistoryChanges[] = [];
    const refresh = createHistoryRefresh({ flush: (changes) => flushed.push(changes) });
    refresh.add({ timestep: '5m', timestamp: DAY0 });
    refresh.stop();
    vi.advanceTimersByTime(10_000);
    expect(flushed).toEqual([]);
  });
});

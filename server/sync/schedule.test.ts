import { describe, expect, it } from 'vitest';
import { lastCompleteWindow, nextMappingRun, nextWindowRun } from './schedule';

const at = (iso: string) => Date.parse(iso);

describe('window schedule', () => {
  it('polls /5m the configured delay after the next five-minute boundary', () => {
    expect(nextWindowRun(at('2025-05-26T07:03:12Z'), 300, 90_000)).toBe(at('2025-05-26T07:06:30Z'));
  });

  it('still polls the boundary just passed when its delay has not elapsed yet', () => {
    expect(nextWindowRun(at('2025-05-26T07:00:30Z'), 3600, 90_000)).toBe(at('2025-05-26T07:01:30Z'));
    expect(nextWindowRun(at('2025-05-26T07:01:30Z'), 3600, 90_000)).toBe(at('2025-05-26T08:01:30Z'));
  });

  it('knows the newest complete window', () => {
    expect(lastCompleteWindow(at('2025-05-26T07:03:12Z'), 300)).toBe(at('2025-05-26T06:55:00Z') / 1000);
    expect(lastCompleteWindow(at('2025-05-26T07:03:12Z'), 3600)).toBe(at('2025-05-26T06:00:00Z') / 1000);
  });
});

describe('catalogue schedule', () => {
  const day = 86_400_000;

  it('syncs the catalogue one interval after its last success, even when a sync starts in between', () => {
    expect(nextMappingRun(at('2025-05-26T07:00:00Z'), false, at('2025-05-26T09:00:00Z'), day)).toBe(at('2025-05-27T07:00:00Z'));
  });

  it('syncs it now when it never succeeded, is empty, or is older than the interval', () => {
    const now = at('2025-05-26T09:00:00Z');
    expect(nextMappingRun(null, false, now, day)).toBe(now);
    expect(nextMappingRun(at('2025-05-26T08:00:00Z'), true, now, day)).toBe(now);
    expect(nextMappingRun(at('2025-05-25T08:00:00Z'), false, now, day)).toBeLessThanOrEqual(now);
  });

  it('counts a last success in the future (a clock stepped back) as now', () => {
    const now = at('2025-05-26T09:00:00Z');
    expect(nextMappingRun(at('2025-06-26T09:00:00Z'), false, now, day)).toBe(now + day);
  });
});

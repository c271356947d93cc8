import { describe, expect, it } from 'vitest';
import { lastCompleteWindow, nextWindowRun } from './schedule';

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

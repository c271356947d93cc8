import { describe, expect, it } from 'vitest';
import { nextBucketDueAt, historyCheckInterval } from './live-chart';
import { describeLiveState } from './live-status';

describe('what the live indicator says', () => {
  it('says Live only for an open stream, and counts attempts while it is not', () => {
    expect(describeLiveState({ state: 'live', attempt: 1 })).toBe('Live');
    expect(describeLiveState({ state: 'connecting', attempt: 1 })).toBe('Connecting…');
    expect(describeLiveState({ state: 'connecting', attempt: 2 })).toBe('Connecting… (attempt 2)');
    expect(describeLiveState({ state: 'reconnecting', attempt: 4 })).toBe('Reconnecting… (attempt 4)');
    expect(describeLiveState({ state: 'offline', attempt: 7 })).toBe('Offline');
  });
});

describe('when the chart asks for its next bucket', () => {
  it('waits for the bucket after the newest one to close and be published', () => {
    expect(nextBucketDueAt(3_000, '5m')).toBe(3_000 + 600 + 120);
    expect(nextBucketDueAt(86_400, '24h')).toBe(86_400 * 3 + 120);
  });

  it('asks a long-step chart less often than a short-step one', () => {
    expect(historyCheckInterval('5m')).toBe(60);
    expect(historyCheckInterval('24h')).toBe(7_200);
  });
});

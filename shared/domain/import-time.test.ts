import { describe, expect, it } from 'vitest';
import { parseLocalDateTime, parseTimeValue } from './import-time';

describe('times in imported files', () => {
  it('reads epoch seconds, milliseconds, {seconds, nanos} and ISO strings', () => {
    expect(parseTimeValue(1_716_000_000)).toBe(1_716_000_000);
    expect(parseTimeValue(1_716_000_000_123)).toBe(1_716_000_000);
    expect(parseTimeValue({ seconds: 1_716_000_000, nanos: 5 })).toBe(1_716_000_000);
    expect(parseTimeValue('2024-05-18T02:40:00Z')).toBe(1_716_000_000);
    expect(parseTimeValue('soon')).toBeNull();
    expect(parseTimeValue({ nanos: 1 })).toBeNull();
  });

  it('reads a zone-less local time in the zone it was written in, across daylight saving', () => {
    expect(parseLocalDateTime('2024-01-15 09:30 PM', 'Europe/London')).toBe(Date.UTC(2024, 0, 15, 21, 30) / 1000);
    expect(parseLocalDateTime('2024-07-15 09:30 PM', 'Europe/London')).toBe(Date.UTC(2024, 6, 15, 20, 30) / 1000);
    expect(parseLocalDateTime('2024-07-15 12:05 AM', 'America/New_York')).toBe(Date.UTC(2024, 6, 15, 4, 5) / 1000);
    expect(parseLocalDateTime('15/07/2024 21:30', 'UTC')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { formatEventId, parseEventId } from './event-id';

describe('event ids', () => {
  it('round-trip through EPOCH.SEQ', () => {
    expect(formatEventId({ epoch: 'aB3_-x', seq: 42 })).toBe('aB3_-x.42');
    expect(parseEventId('aB3_-x.42')).toEqual({ epoch: 'aB3_-x', seq: 42 });
    expect(parseEventId('e.0')).toEqual({ epoch: 'e', seq: 0 });
  });

  it('accept the largest safe sequence number and reject larger ones', () => {
    expect(parseEventId(`e.${Number.MAX_SAFE_INTEGER}`)).toEqual({ epoch: 'e', seq: Number.MAX_SAFE_INTEGER });
    expect(parseEventId('e.9999999999999999')).toBeNull();
    expect(parseEventId('e.12345678901234567')).toBeNull();
  });

  it('are null when malformed, so the caller can resync', () => {
    const bad = ['', '42', '.42', 'e.', 'e.-1', 'e.01', 'e.1.5', 'e.1e3', 'e. 1', 'ep och.1', 'ép.1', `${'x'.repeat(65)}.1`];
    for (const raw of bad) expect(parseEventId(raw), JSON.stringify(raw)).toBeNull();
    expect(parseEventId(null)).toBeNull();
    expect(parseEventId(undefined)).toBeNull();
  });
});

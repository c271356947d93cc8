import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration';

describe('parseDuration', () => {
  it('reads every unit the configuration accepts', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('7d')).toBe(604_800_000);
  });

  it('reads a bare number as milliseconds and a fraction of a unit', () => {
    expect(parseDuration('250')).toBe(250);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration(' 30s ')).toBe(30_000);
  });

  it('rejects anything else', () => {
    for (const text of ['', 's', '-1s', '30 s', '30S', '1w', '1h30m', 'abc']) expect(parseDuration(text), text).toBeNull();
  });
});

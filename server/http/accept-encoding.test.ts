import { describe, expect, it } from 'vitest';
import { pickContentCoding } from './accept-encoding';

describe('pickContentCoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.9, br;q=0.8', 'gzip'],
    ['br;q=0.5, gzip;q=0.5', 'br'],
    ['*', 'br'],
    ['*;q=0', null],
    ['gzip;q=0, *', 'br'],
    ['br;q=0, gzip;q=0', null],
    ['deflate, zstd', null],
    ['gzip;q=oops', null],
  ])('answers %j with %j', (header, coding) => {
    expect(pickContentCoding(header)).toBe(coding);
  });
});

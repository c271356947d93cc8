import { describe, expect, it } from 'vitest';
import { HttpError } from '../http-error';
import { MAX_FILTER_IDS, parseItemFilter, pickResumeId } from './stream-request';

describe('parseItemFilter', () => {
  it('accepts no filter as every item', () => {
    expect(parseItemFilter(undefined)).toEqual({ ids: null, key: '' });
  });

  it('sorts and de-duplicates ids so equal filters share one key', () => {
    const a = parseItemFilter('4151,2,4151');
    const b = parseItemFilter('2,4151');
    expect(a.key).toBe('2,4151');
    expect(b.key).toBe(a.key);
    expect([...(a.ids ?? [])]).toEqual([2, 4151]);
  });

  it(`accepts ${MAX_FILTER_IDS} ids and refuses one more`, () => {
    const ids = (n: number): string => Array.from({ length: n }, (_, i) => i + 1).join(',');
    expect(parseItemFilter(ids(MAX_FILTER_IDS)).ids?.size).toBe(MAX_FILTER_IDS);
    expect(() => parseItemFilter(ids(MAX_FILTER_IDS + 1))).toThrow(HttpError);
  });

  it.each(['', ' 2', '2,', ',2', '2;3', '1e3', '0x10', '2,,3', '0', '1234567890', '٣'])('refuses %j', (raw) => {
    expect(() => parseItemFilter(raw)).toThrow(HttpError);
  });

  it('refuses a repeated items parameter', () => {
    expect(() => parseItemFilter(['2', '3'])).toThrow(/more than once/);
  });
});

describe('pickResumeId', () => {
  it('prefers Last-Event-ID, which is where a reconnecting browser really is', () => {
    expect(pickResumeId('ep.1', 'ep.9')).toBe('ep.9');
  });

  it('uses since when there is no header', () => {
    expect(pickResumeId('ep.1', '')).toBe('ep.1');
    expect(pickResumeId(undefined, '')).toBeUndefined();
  });

  it('turns a repeated since into an id that will not parse', () => {
    expect(pickResumeId(['ep.1', 'ep.2'], '')).toBe('ep.1,ep.2');
  });
});

import { describe, expect, it } from 'vitest';
import { decodeEntry, encodeHistory, encodePrices } from './log-entry';

const committed = {
  epoch: 'e1', seq: 12, committedAt: 1748242800123,
  changes: [
    { itemId: 2, high: 193, highTime: 1748242700, low: null, lowTime: null, seq: 11 },
    { itemId: 561, high: 116, highTime: 1748242710, low: 110, lowTime: 1748242600, seq: 12 },
  ],
};

describe('live log entries', () => {
  it('carry a commit through Redis fields unchanged, with the seq it starts from', () => {
    const entry = decodeEntry(['kind', 'prices', 'epoch', 'e1', 'data', encodePrices(committed, 1748242800160)]);
    expect(entry).toEqual({ kind: 'prices', fromSeq: 11, sentAt: 1748242800160, committed });
  });

  it('date an entry of a leader that sent no stamp from its commit', () => {
    const older = JSON.stringify({ from: 13, seq: 12, at: committed.committedAt, changes: [] });
    expect(decodeEntry(['kind', 'prices', 'epoch', 'e1', 'data', older])).toMatchObject({ sentAt: committed.committedAt });
  });

  it('carry an empty sync as starting after its seq, and history windows as they are', () => {
    const empty = decodeEntry(['kind', 'prices', 'epoch', 'e1', 'data', encodePrices({ ...committed, changes: [] }, 1748242800160)]);
    expect(empty).toMatchObject({ fromSeq: 13, committed: { seq: 12, changes: [] } });
    const window = { timestep: '1h' as const, timestamp: 1748239200, items: 3 };
    expect(decodeEntry(['kind', 'history', 'epoch', 'e1', 'data', encodeHistory(window)])).toEqual({ kind: 'history', window });
  });

  it('refuse what they cannot read instead of passing it on', () => {
    expect(decodeEntry(['kind', 'prices', 'epoch', 'e1', 'data', '{"seq":"12"}'])).toBeNull();
    expect(decodeEntry(['kind', 'prices', 'data', encodePrices(committed, 1748242800160)])).toBeNull();
    expect(decodeEntry(['kind', 'prices', 'epoch', 'e1', 'data', 'not json'])).toBeNull();
  });
});

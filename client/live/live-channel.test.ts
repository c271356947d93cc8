import { describe, expect, it } from 'vitest';
import { isChannelMessage } from './live-channel';

const record = { itemId: 4151, high: 1_700_000, highTime: 1, low: 1_690_000, lowTime: 2, seq: 9 };

describe('messages between tabs', () => {
  it('accepts what the leader sends', () => {
    expect(isChannelMessage({ type: 'applied', changes: [{ record, at: 1_748_242_000_000 }] })).toBe(true);
    expect(isChannelMessage({ type: 'replaced', records: [record] })).toBe(true);
    expect(isChannelMessage({ type: 'status', status: { state: 'live', attempt: 1, reconnects: 0, lastUpdate: null, syncedAt: 5 } })).toBe(true);
    expect(isChannelMessage({ type: 'history', changes: { '1h': 1_748_242_800, '6h': 1_748_239_200 } })).toBe(true);
    expect(isChannelMessage({ type: 'hello' })).toBe(true);
  });

  it('ignores anything else, so a stale or foreign message cannot put junk on screen', () => {
    expect(isChannelMessage({ type: 'applied', changes: [{ record: { ...record, high: '1.7m' }, at: 1 }] })).toBe(false);
    expect(isChannelMessage({ type: 'status', status: { state: 'almost', attempt: 1, reconnects: 0, lastUpdate: null, syncedAt: null } })).toBe(false);
    expect(isChannelMessage({ type: 'replaced' })).toBe(false);
    expect(isChannelMessage({ type: 'history', changes: { '2h': 7_200 } })).toBe(false);
    expect(isChannelMessage({ type: 'history', changes: { '5m': 'now' } })).toBe(false);
    expect(isChannelMessage({ type: 'shout' })).toBe(false);
    expect(isChannelMessage('applied')).toBe(false);
  });
});

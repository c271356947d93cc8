import { describe, expect, it } from 'vitest';
import { deriveAppStatus, describePricesAge } from './app-status';

const up = { browserOnline: true, serverReachable: true };

describe('one status for the header and the banner', () => {
  it('is live as soon as the stream is open, even if the last request failed (the server came back)', () => {
    expect(deriveAppStatus({ ...up, serverReachable: false, stream: { state: 'live', attempt: 1 } })).toEqual({ kind: 'live', header: 'Live', reason: null });
  });

  it('says offline in both places when the browser has no network, whatever the stream last said', () => {
    const status = deriveAppStatus({ ...up, browserOnline: false, stream: { state: 'connecting', attempt: 5 } });
    expect(status).toMatchObject({ kind: 'offline', header: 'Offline', reason: 'no network' });
  });

  it('shows the banner once a reconnect attempt has failed, with the header still reconnecting', () => {
    const status = deriveAppStatus({ ...up, stream: { state: 'reconnecting', attempt: 3 } });
    expect(status).toMatchObject({ kind: 'server-down', header: 'Reconnecting… (attempt 3)' });
    expect(status.reason).toMatch(/no connection to the server/);
    expect(deriveAppStatus({ ...up, stream: { state: 'connecting', attempt: 5 } }).kind).toBe('server-down');
  });

  it('counts a failed request as the server being down while the stream is not open', () => {
    expect(deriveAppStatus({ ...up, serverReachable: false, stream: { state: 'connecting', attempt: 1 } }).kind).toBe('server-down');
  });

  it('shows no banner for the first attempt of a connection', () => {
    expect(deriveAppStatus({ ...up, stream: { state: 'connecting', attempt: 1 } })).toEqual({ kind: 'connecting', header: 'Connecting…', reason: null });
    expect(deriveAppStatus({ ...up, stream: { state: 'reconnecting', attempt: 1 } })).toMatchObject({ kind: 'connecting', header: 'Reconnecting…' });
  });
});

describe('how old the prices are', () => {
  const now = 1_760_000_000;
  it('reads in minutes, then hours, then days', () => {
    expect(describePricesAge((now - 20) * 1000, now)).toBe('under a minute');
    expect(describePricesAge((now - 12 * 60) * 1000, now)).toBe('12 min');
    expect(describePricesAge((now - 5 * 3600) * 1000, now)).toBe('5 h');
    expect(describePricesAge((now - 3 * 86_400) * 1000, now)).toBe('3 days');
    expect(describePricesAge(null, now)).toBeNull();
  });
});

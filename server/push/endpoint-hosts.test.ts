import { describe, expect, it } from 'vitest';
import { DEFAULT_PUSH_ENDPOINT_HOSTS, parseEndpointHosts, refuseEndpoint } from './endpoint-hosts';

describe('the push endpoint allowlist', () => {
  it('takes the browsers\' push services by default', () => {
    for (const endpoint of [
      'https://fcm.googleapis.com/fcm/send/abc:def',
      'https://updates.push.services.mozilla.com/wpush/v2/gAAAA',
      'https://web.push.apple.com/QGuQyavXutnMH',
      'https://wns2-par02p.notify.windows.com/w/?token=BQYAAA',
    ]) expect(refuseEndpoint(endpoint, DEFAULT_PUSH_ENDPOINT_HOSTS)).toBeNull();
  });

  it('refuses other hosts, look-alikes, the bare suffix, plain http and user info', () => {
    for (const endpoint of [
      'https://evil.example/fcm/send/abc',
      'https://fcm.googleapis.com.evil.example/x',
      'https://evilfcm.googleapis.com/x',
      'https://notify.windows.com/w/',
      'http://fcm.googleapis.com/fcm/send/abc',
      'https://user@fcm.googleapis.com/fcm/send/abc',
      'https://127.0.0.1:9443/push',
      'not a url',
    ]) expect(refuseEndpoint(endpoint, DEFAULT_PUSH_ENDPOINT_HOSTS), endpoint).not.toBeNull();
  });

  it('takes a listed loopback address on any port, IPv4 or IPv6', () => {
    const hosts = parseEndpointHosts('127.0.0.1, [::1]')!;
    expect(refuseEndpoint('https://127.0.0.1:9443/push/1', hosts)).toBeNull();
    expect(refuseEndpoint('https://[::1]:9443/push/1', hosts)).toBeNull();
    expect(refuseEndpoint('https://127.0.0.2:9443/push/1', hosts)).not.toBeNull();
  });

  it('reads a comma list and refuses an entry that is no host', () => {
    expect(parseEndpointHosts('FCM.googleapis.com, *.notify.windows.com')).toEqual(['fcm.googleapis.com', '*.notify.windows.com']);
    expect(parseEndpointHosts('https://fcm.googleapis.com')).toBeNull();
    expect(parseEndpointHosts('*.')).toBeNull();
    expect(parseEndpointHosts(' , ')).toBeNull();
  });
});

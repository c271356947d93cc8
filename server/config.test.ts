import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_UPSTREAM_URL, loadConfig } from './config';

function configError(env: Record<string, string>, argv: string[] = []): ConfigError {
  try {
    loadConfig(env, argv);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('starts with the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'sqlite:./data/ge-tracker.sqlite',
      upstreamUrl: DEFAULT_UPSTREAM_URL,
      logLevel: 'info',
      demo: false,
      demoTickMs: 5_000,
      staticDir: './dist',
      trustProxy: { hops: 0 },
      staleAfterMs: 3_600_000,
    });
    expect(config.userAgent).toMatch(/ge-tracker/);
    expect(config.sync).toMatchObject({ enabled: true, latestIntervalMs: 60_000, mappingIntervalMs: 86_400_000 });
    expect(config.retention).toMatchObject({ fiveMinuteMs: 2 * 86_400_000, oneHourMs: 30 * 86_400_000, dayMs: 0 });
    expect(config.sse).toMatchObject({ enabled: true, maxClients: 100, heartbeatIntervalMs: 30_000, retryMs: 3_000 });
  });

  it('uses its own database file and a faster latest sync in demo mode', () => {
    for (const config of [loadConfig({}, ['--demo']), loadConfig({ DEMO: 'true' })]) {
      expect(config.demo).toBe(true);
      expect(config.databaseUrl).toBe('sqlite:./data/demo.sqlite');
      expect(config.sync.latestIntervalMs).toBe(5_000);
    }
  });

  it('lets every key apply in demo mode too', () => {
    const config = loadConfig({ PORT: '9000', DATABASE_URL: 'sqlite::memory:', SYNC_LATEST_INTERVAL: '2s' }, ['--demo']);
    expect(config).toMatchObject({ port: 9000, databaseUrl: 'sqlite::memory:', demo: true });
    expect(config.sync.latestIntervalMs).toBe(2_000);
  });

  it('takes a PostgreSQL store by URL, in both spellings, and never echoes its password', () => {
    for (const url of ['postgres://postgres@127.0.0.1:5432/ge', 'postgresql://ge:secret@db.internal/ge?sslmode=require', 'postgres:///ge?host=/run/postgresql']) {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
    const error = configError({ DATABASE_URL: 'postgres://ge:secret@/ge' });
    expect(error.key).toBe('DATABASE_URL');
    expect(error.message).not.toContain('secret');
  });

  it('stays one process without Redis, and runs as a cluster member with REDIS_URL on PostgreSQL', () => {
    expect(loadConfig({}).cluster).toBeNull();
    const config = loadConfig({ DATABASE_URL: 'postgres://127.0.0.1/ge', REDIS_URL: 'redis://127.0.0.1:6379', CLUSTER_LEASE_TTL: '1500ms' });
    expect(config.cluster).toEqual({
      redisUrl: 'redis://127.0.0.1:6379', prefix: 'ge:', leaseTtlMs: 1500, instanceId: undefined, logMaxLength: 10_000,
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://127.0.0.1/ge', REDIS_URL: 'redis://r', REDIS_PREFIX: 't1:', INSTANCE_ID: 'a' }).cluster)
      .toMatchObject({ prefix: 't1:', instanceId: 'a' });
  });

  it('refuses REDIS_URL on an SQLite store, saying why', () => {
    const envs: Array<Record<string, string>> = [{ REDIS_URL: 'redis://127.0.0.1:6379' }, { REDIS_URL: 'redis://r', DATABASE_URL: 'sqlite::memory:' }];
    for (const env of envs) {
      const error = configError(env);
      expect(error.key).toBe('REDIS_URL');
      expect(error.message).toMatch(/postgres:\/\/.*SQLite file cannot be shared/);
    }
    expect(configError({ REDIS_URL: 'http://r', DATABASE_URL: 'postgres://h/ge' }).message).toMatch(/redis:\/\//);
  });

  it('reads durations, booleans and URLs in every accepted form', () => {
    const config = loadConfig({
      SSE_HEARTBEAT_INTERVAL: '500ms',
      STALE_AFTER: '30m',
      TRUST_PROXY: 'yes',
      SSE_ENABLED: 'off',
      UPSTREAM_URL: 'http://127.0.0.1:9999/api/',
    });
    expect(config.sse.heartbeatIntervalMs).toBe(500);
    expect(config.staleAfterMs).toBe(1_800_000);
    expect(config.trustProxy).toEqual({ hops: 1 });
    expect(config.sse.enabled).toBe(false);
    expect(config.upstreamUrl).toBe('http://127.0.0.1:9999/api');
  });

  it.each([
    ['false', { hops: 0 }],
    ['true', { hops: 1 }],
    ['2', { hops: 2 }],
    ['10.0.0.1, 10.8.0.0/16 ,::1', { proxies: ['10.0.0.1', '10.8.0.0/16', '::1'] }],
  ])('reads TRUST_PROXY=%s as the proxies it names', (value, trust) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(trust);
  });

  it('bounds request headers to 10s and whole requests to 30s unless told, and refuses a header bound past the request bound', () => {
    expect(loadConfig({}).http).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 });
    expect(configError({ HTTP_HEADERS_TIMEOUT: '1m' }).key).toBe('HTTP_HEADERS_TIMEOUT');
  });

  it('treats a blank value as unset', () => {
    expect(loadConfig({ PORT: '  ', STALE_AFTER: '' })).toMatchObject({ port: 8080, staleAfterMs: 3_600_000 });
  });

  it.each([
    ['PORT', 'eighty', /whole number/],
    ['PORT', '70000', /0 to 65535/],
    ['SSE_MAX_CLIENTS', '-1', /whole number/],
    ['UPSTREAM_RETRIES', '1.5', /whole number/],
    ['SYNC_LATEST_INTERVAL', '10 minutes', /duration such as/],
    ['SYNC_LATEST_INTERVAL', '50ms', /at least 100ms/],
    ['RETENTION_5M', '2w', /duration such as/],
    ['DEMO_TICK', 'fast', /duration/],
    ['TRUST_PROXY', 'maybe', /true or false/],
    ['HTTP_REQUEST_TIMEOUT', 'soon', /duration such as/],
    ['TRUST_PROXY', '10.0.0.1,proxy.local', /proxy addresses/],
    ['TRUST_PROXY', '10.0.0.0/33', /CIDR/],
    ['DEMO', '2', /true or false/],
    ['UPSTREAM_URL', 'ftp://example.com', /http\(s\) URL/],
    ['UPSTREAM_URL', 'not a url', /http\(s\) URL/],
    ['DATABASE_URL', 'mysql://db', /sqlite:PATH/],
    ['DATABASE_URL', 'postgres:///ge', /sqlite:PATH, sqlite::memory: or postgres:\/\//],
    ['LOG_LEVEL', 'loud', /one of fatal/],
    ['VAPID_SUBJECT', 'admin', /mailto: address or an https: URL/],
    ['VAPID_SUBJECT', 'http://ge-tracker.example', /mailto: address or an https: URL/],
    ['PUSH_ENDPOINT_HOSTS', 'https://fcm.googleapis.com', /host names, \*\.suffixes or IP addresses/],
    ['PUSH_TTL', 'soon', /duration/],
  ])('refuses %s=%s with a message naming the key', (key, value, accepts) => {
    const error = configError({ [key]: value });
    expect(error.key).toBe(key);
    expect(error.message.startsWith(`${key}: `)).toBe(true);
    expect(error.message).toMatch(accepts);
    expect(error.message).toContain(value);
  });
});

describe('push configuration', () => {
  it('is off without VAPID_SUBJECT and lists the browsers\' push services by default', () => {
    const { push } = loadConfig({});
    expect(push.subject).toBeNull();
    expect(push.vapidKeys).toBeNull();
    expect(push.endpointHosts).toEqual(['fcm.googleapis.com', 'updates.push.services.mozilla.com', 'web.push.apple.com', '*.notify.windows.com']);
    expect(push.ttlSeconds).toBe(600);
  });

  it('needs both VAPID keys or neither', () => {
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: 'B'.repeat(87) })).toThrow(/VAPID_PRIVATE_KEY: set both VAPID keys or neither/);
    expect(() => loadConfig({ VAPID_PUBLIC_KEY: 'B'.repeat(86), VAPID_PRIVATE_KEY: 'A'.repeat(43) })).toThrow(/VAPID_PUBLIC_KEY: expected 65 bytes/);
    expect(loadConfig({ VAPID_PUBLIC_KEY: 'B'.repeat(87), VAPID_PRIVATE_KEY: 'A'.repeat(43), VAPID_SUBJECT: 'mailto:ops@ge-tracker.example' }).push)
      .toMatchObject({ subject: 'mailto:ops@ge-tracker.example', vapidKeys: { publicKey: 'B'.repeat(87), privateKey: 'A'.repeat(43) } });
  });
});

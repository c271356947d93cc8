// The real app on a fresh in-memory SQLite (real migrations, an epoch made), listening on
// 127.0.0.1:0, with a raw HTTP client that sends paths exactly as written (no URL normalising, so
// tests can send malformed or traversing paths).
import { request as httpRequest, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Koa from 'koa';
import { createApp } from '../../server/app';
import type { AppDeps } from '../../server/app-deps';
import { loadConfig, type Config } from '../../server/config';
import { createLogger, type Logger } from '../../server/logger';
import { createMetrics } from '../../server/metrics';
import { openDatabase, type OpenedDatabase } from '../../server/store/db';
import { ensureStreamState, type StreamState } from '../../server/store/stream-state';
import type { Db } from '../../server/store/db';

export interface TestResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON (unknown until a schema parses it). */
  json(): unknown;
}

export interface TestApp {
  app: Koa;
  db: Db;
  config: Config;
  state: StreamState;
  url: string;
  request(path: string, options?: { method?: string; headers?: Record<string, string> }): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Environment for loadConfig; STATIC_DIR defaults to an empty temp folder (no client built). */
  env?: Record<string, string>;
  logger?: Logger;
  deps?: Partial<Pick<AppDeps, 'stream' | 'backfillHistory'>>;
  /** Seeds the store before the app is built. */
  seed?: (db: Db) => Promise<void>;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const emptyStatic = options.env?.STATIC_DIR ? null : mkdtempSync(join(tmpdir(), 'ge-static-'));
  const config = loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    LOG_LEVEL: 'silent',
    ...(emptyStatic ? { STATIC_DIR: emptyStatic } : {}),
    ...options.env,
  });
  const store: OpenedDatabase = await openDatabase(config.databaseUrl);
  const state = await ensureStreamState(store.db);
  await options.seed?.(store.db);
  const app = createApp({
    config,
    db: store.db,
    logger: options.logger ?? createLogger('silent'),
    metrics: createMetrics({ defaults: false }),
    ...options.deps,
  });
  const server = createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    app,
    db: store.db,
    config,
    state,
    url: `http://127.0.0.1:${port}`,
    request: (path, init) => send(port, path, init?.method ?? 'GET', init?.headers ?? {}),
    close: async () => {
      await closeServer(server);
      await store.close();
      if (emptyStatic) rmSync(emptyStatic, { recursive: true, force: true });
    },
  };
}

function send(port: number, path: string, method: string, headers: Record<string, string>): Promise<TestResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as unknown });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

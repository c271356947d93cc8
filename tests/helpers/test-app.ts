// The real app on a fresh in-memory SQLite (real migrations, an epoch made), listening on
// 127.0.0.1:0, with a raw HTTP client that sends paths exactly as written (no URL normalising, so
// tests can send malformed or traversing paths).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Koa from 'koa';
import type { AppDeps } from '../../server/app-deps';
import { loadConfig, type Config } from '../../server/config';
import type { Logger } from '../../server/logger';
import { createMetrics } from '../../server/metrics';
import { startServer } from '../../server/start';
import type { StreamState } from '../../server/store/stream-state';
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
  /** REST only unless given: no stream, no backfill, and the sync never runs. */
  deps?: Partial<Pick<AppDeps, 'stream' | 'backfillHistory'>>;
  /** Seeds the store before the first request. */
  seed?: (db: Db) => Promise<void>;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const emptyStatic = options.env?.STATIC_DIR ? null : mkdtempSync(join(tmpdir(), 'ge-static-'));
  const config = loadConfig({
    DATABASE_URL: 'sqlite::memory:',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HOST: '127.0.0.1',
    ...(emptyStatic ? { STATIC_DIR: emptyStatic } : {}),
    ...options.env,
  });
  const stream = options.deps?.stream;
  const running = await startServer(config, {
    logger: options.logger,
    metrics: createMetrics({ defaults: false }),
    createStream: stream ? () => stream : null,
    backfillHistory: options.deps?.backfillHistory ?? null,
    startSync: false,
  });
  await options.seed?.(running.store.db);
  const { port } = running;
  return {
    app: running.app,
    db: running.store.db,
    config,
    state: running.state,
    url: running.url,
    request: (path, init) => send(port, path, init?.method ?? 'GET', init?.headers ?? {}),
    close: async () => {
      await running.close();
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

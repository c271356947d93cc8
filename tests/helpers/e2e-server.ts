// Starts the real server (tsx server/main.ts) as a child process for browser tests: the demo
// market on loopback, its own SQLite file, the built client from `staticDir`. Ready means
// /api/v1/health answers; stopping waits for the process to exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitFor } from './wait-for';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const DIST_DIR = join(REPO_ROOT, 'dist');

export interface E2eServer {
  url: string;
  port: number;
  /** Stops the process (the SQLite file stays, so `start` again resumes on the same data). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops and deletes the database folder. */
  dispose(): Promise<void>;
}

export interface E2eServerOptions {
  staticDir?: string;
  port?: number;
  /** false: no demo market (give UPSTREAM_URL in `env`, e.g. a fake the test controls). */
  demo?: boolean;
  /** Extra environment, over the defaults above. */
  env?: Record<string, string>;
  /** Another checkout of the project to run (a benchmark's baseline); this one by default. */
  root?: string;
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

export function assertBuilt(dir = DIST_DIR): void {
  if (!existsSync(join(dir, 'sw.js'))) {
    throw new Error(`no built client in ${dir}: run \`npx vite build\` (npm test and npm run test:e2e do it)`);
  }
}

export async function startE2eServer(options: E2eServerOptions = {}): Promise<E2eServer> {
  const staticDir = options.staticDir ?? DIST_DIR;
  assertBuilt(staticDir);
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'ge-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = '';

  async function start(): Promise<void> {
    const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dataDir, 'demo.sqlite')}`, STATIC_DIR: staticDir, LOG_LEVEL: 'warn', ...options.env };
    const args = ['--import', 'tsx', 'server/main.ts', ...(options.demo === false ? [] : ['--demo'])];
    const proc = spawn(process.execPath, args, { cwd: options.root ?? REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(
      `the server on ${url} (output so far: ${output.slice(-500)})`,
      async () => {
        if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}: ${output.slice(-2000)}`);
        const ok = await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false);
        return ok;
      },
      30_000,
    );
  }

  async function stop(): Promise<void> {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((done) => proc.once('exit', () => done()));
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  await start();
  return {
    url,
    port,
    stop,
    start,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Debian's nginx in front of a test cluster, with the deployed configuration: the server block of
// docs/deploy/nginx.conf, only its upstream servers and its listen address replaced. Everything
// the process writes (pid, logs, temp files) stays in a temp dir of its own; it runs in the
// foreground as one process (`daemon off`, `master_process off`), so the process started here is
// the only one to stop. Skipped, saying why, when no nginx is installed (scripts/ensure-nginx.sh
// installs it), except under CI=true.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const DEPLOYED = new URL('../../docs/deploy/nginx.conf', import.meta.url);

/** Why no nginx can be started here, or null when one can. */
export const nginxUnavailable: string | null = (() => {
  const probe = spawnSync(NGINX, ['-v'], { encoding: 'utf8' });
  return probe.error ? `nginx not runnable at ${NGINX} (scripts/ensure-nginx.sh installs it): ${probe.error.message}` : null;
})();

export interface TestNginx {
  /** http://127.0.0.1:port */
  url: string;
  /** The error log so far (startup complaints, upstream errors). */
  errors(): string;
  stop(): Promise<void>;
}

/** The deployed server block with these upstream origins and this port; throws if its shape moved. */
export function renderDeployedConfig(upstreams: readonly string[], port: number): string {
  const deployed = readFileSync(DEPLOYED, 'utf8');
  const servers = upstreams.map((origin) => `    server ${new URL(origin).host};`).join('\n');
  const withUpstreams = deployed.replace(/(upstream ge_tracker \{\n)(?:\s*server [^;]+;\n)+/, `$1${servers}\n`);
  const rendered = withUpstreams.replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`);
  if (withUpstreams === deployed || rendered === withUpstreams) {
    throw new Error('docs/deploy/nginx.conf no longer has an "upstream ge_tracker" server list and "listen 80;" for the test to replace');
  }
  return rendered;
}

export async function startNginx(upstreams: readonly string[]): Promise<TestNginx> {
  const dir = mkdtempSync(join(tmpdir(), 'ge-nginx-'));
  const port = await freePort();
  writeFileSync(join(dir, 'ge-tracker.conf'), renderDeployedConfig(upstreams, port));
  const errorLog = join(dir, 'error.log');
  writeFileSync(join(dir, 'nginx.conf'), [
    'daemon off;',
    'master_process off;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${errorLog} notice;`,
    'events { worker_connections 1024; }',
    'http {',
    `  access_log ${join(dir, 'access.log')};`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${join(dir, kind)};`),
    `  include ${join(dir, 'ge-tracker.conf')};`,
    '}',
    '',
  ].join('\n'));
  // -e: the error log before the config is read, so nothing is opened under /var/log.
  const child: ChildProcess = spawn(NGINX, ['-p', dir, '-e', errorLog, '-c', join(dir, 'nginx.conf')], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errors = (): string => {
    try {
      return readFileSync(errorLog, 'utf8');
    } catch {
      return '';
    }
  };
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor('nginx to answer', async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${errors()}`);
      try {
        return (await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(1000) })).status === 200;
      } catch {
        return false;
      }
    }, 10_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, errors, stop };
}

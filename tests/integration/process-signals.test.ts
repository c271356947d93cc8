// What a process manager or a container stop sends: SIGTERM to the pid it started (`npm start`) or
// to the server's own. Either way the stream clients get their `timeout` event and every process
// is gone within 5 s. Runs the real `npm start` against the fake wiki on loopback.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openRawStream } from '../helpers/sse-reader';
import { waitFor } from '../helpers/wait-for';
import { freePort } from '../helpers/free-port';
import { startFakeWiki } from '../helpers/wiki-fixtures';
import type { FakeUpstream } from '../helpers/fake-upstream';

const root = new URL('../..', import.meta.url).pathname;
let fake: FakeUpstream | undefined;
let npm: ChildProcess | undefined;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** `npm start` on a free loopback port; resolves once it listens, with the server's own pid. */
async function npmStart(): Promise<{ port: number; serverPid: number; exited: Promise<number | null> }> {
  fake = await startFakeWiki();
  const port = await freePort();
  npm = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: 'sqlite::memory:', UPSTREAM_URL: fake.url, SYNC_LATEST_INTERVAL: '1h', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child = npm;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  // The client is built first when it is missing: allow for that.
  await waitFor(`npm start to listen (output so far: ${output.slice(-400)})`, () => output.includes('GE Tracker listening'), 90_000);
  const ps = spawnSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' });
  const serverPid = Number(ps.stdout.trim().split(/\s+/)[0]);
  expect(serverPid).toBeGreaterThan(0);
  return { port, serverPid, exited };
}

afterEach(async () => {
  if (npm?.pid !== undefined && npm.exitCode === null) npm.kill('SIGKILL');
  await fake?.close();
});

describe('stopping the server with SIGTERM', () => {
  it.each([
    ['the pid of `npm start`', 'npm'],
    ["the server's own pid", 'server'],
  ] as const)('sent to %s ends the streams with a timeout event and stops every process within 5 s', async (_name, target) => {
    const { port, serverPid, exited } = await npmStart();
    const stream = await openRawStream(`http://127.0.0.1:${port}/api/v1/prices/stream`);
    await stream.next((e) => e.event === 'connected');
    const signalled = Date.now();
    process.kill(target === 'npm' ? (npm?.pid ?? 0) : serverPid, 'SIGTERM');
    const goodbye = await stream.next((e) => e.event === 'timeout', 0, 5000);
    expect(JSON.parse(goodbye.data)).toMatchObject({ reason: 'server-shutdown' });
    await waitFor('npm to exit', () => npm?.exitCode !== null || npm?.signalCode !== null, 5000);
    await waitFor('the server process to be gone', () => !alive(serverPid), 5000);
    expect(Date.now() - signalled).toBeLessThan(5000);
    expect(await accepts(port)).toBe(false);
    await exited;
    stream.close();
  }, 120_000);
});

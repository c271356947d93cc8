// A cluster instance as a child process (server/main.ts), so a test can SIGKILL or SIGSTOP it
// as an operator or a crash would. Its JSON log lines are kept for the test to read.
import { spawn, type ChildProcess } from 'node:child_process';
import { HealthResponseSchema, type HealthResponse } from '../../shared/protocol/api';
import { freePort } from './free-port';
import { waitFor } from './wait-for';

const root = new URL('../..', import.meta.url).pathname;

export interface InstanceProcess {
  url: string;
  child: ChildProcess;
  /** Every stdout line so far. */
  lines: string[];
  health(): Promise<HealthResponse | undefined>;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
}

export interface SpawnOptions {
  /** debug by default, for tests that read what the instance did; a benchmark asks for less. */
  logLevel?: string;
  /** How long the process may take to answer health (20 s by default). */
  startTimeoutMs?: number;
  /** Flags for node itself (a profile: `--cpu-prof`, which NODE_OPTIONS does not take). */
  nodeArgs?: string[];
}

export async function spawnInstance(env: Record<string, string>, instanceId: string, options: SpawnOptions = {}): Promise<InstanceProcess> {
  const { logLevel = 'debug', startTimeoutMs = 20_000, nodeArgs = [] } = options;
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), INSTANCE_ID: instanceId, USER_AGENT: `ge-test/${instanceId}`, LOG_LEVEL: logLevel },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines: string[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr?.resume();
  const url = `http://127.0.0.1:${port}`;
  const health = async (): Promise<HealthResponse | undefined> => {
    try {
      const res = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(1000) });
      return HealthResponseSchema.parse(await res.json());
    } catch {
      return undefined;
    }
  };
  const instance: InstanceProcess = {
    url, child, lines, health,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  try {
    await waitFor('the instance process to answer', async () => (await health()) !== undefined, startTimeoutMs);
  } catch (error) {
    await instance.kill();
    throw error;
  }
  return instance;
}

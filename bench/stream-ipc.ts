// Request/response over the IPC channel between a benchmark and the child processes it forks
// (the server under test, the load generators), so each runs in a process of its own.
import { fork, type ChildProcess } from 'node:child_process';

interface Request {
  id: number;
  type: string;
  payload: unknown;
}

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

export type Handlers = Record<string, (payload: never) => unknown>;

export interface Child<H extends Handlers> {
  ready: unknown;
  call<K extends keyof H & string>(type: K, payload: Parameters<H[K]>[0]): Promise<Awaited<ReturnType<H[K]>>>;
  kill(): Promise<void>;
}

/** BENCH_CPU_PROF=DIR: every child writes a V8 CPU profile there (node --cpu-prof) when it ends. */
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
const PROFILE_ARGS = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];

/** Forks `file` with tsx and waits for its first message (its "ready" value). */
export function spawnChild<H extends Handlers>(file: string, args: string[] = []): Promise<Child<H>> {
  const child: ChildProcess = fork(file, args, { execArgv: ['--import', 'tsx', '--expose-gc', ...PROFILE_ARGS], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  return new Promise((resolveReady, rejectReady) => {
    child.once('exit', (code) => {
      const error = new Error(`${file} exited with ${code}`);
      rejectReady(error);
      for (const pending of waiting.values()) pending.reject(error);
    });
    child.once('message', (ready: unknown) => {
      child.on('message', (message: unknown) => {
        // Our own children, speaking this file's protocol: the shape is known.
        const reply = message as Reply;
        const pending = waiting.get(reply.id);
        waiting.delete(reply.id);
        if (reply.error !== undefined) pending?.reject(new Error(reply.error));
        else pending?.resolve(reply.result);
      });
      resolveReady({
        ready,
        call: (type, payload) =>
          new Promise((resolve, reject) => {
            const id = nextId++;
            waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
            child.send({ id, type, payload } satisfies Request);
          }),
        kill: () =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            // A profiled child must exit by itself (on disconnect) to write its profile.
            if (PROFILE_DIR) child.disconnect();
            else child.kill('SIGKILL');
          }),
      });
    });
  });
}

/** In a child: announce `ready`, then answer each request with its handler. */
export function serveParent(ready: unknown, handlers: Handlers): void {
  const send = (message: unknown): void => {
    process.send?.(message);
  };
  process.on('message', (message: unknown) => {
    const request = message as Request;
    const handler = handlers[request.type] as ((payload: unknown) => unknown) | undefined;
    Promise.resolve()
      .then(() => {
        if (handler === undefined) throw new Error(`no handler for ${request.type}`);
        return handler(request.payload);
      })
      .then(
        (result) => send({ id: request.id, result } satisfies Reply),
        (error: unknown) => send({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies Reply),
      );
  });
  // Die with the parent rather than linger holding thousands of sockets.
  process.on('disconnect', () => process.exit(0));
  send(ready);
}

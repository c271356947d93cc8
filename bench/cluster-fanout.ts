// The cluster bench's fan-out part: stream clients in a few lean load processes
// (./cluster-load.ts), the delivery of a series of real commits to all of them, timed from the
// leader's stamp in the live log (taken as its commit returned) to each socket's read, on the one
// clock of this machine. It also reports what the instances and the load processes cost in CPU
// over the measured syncs, so a reader sees whether the bench measured the servers or itself.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { decodeEntry } from '../server/cluster/log-entry';
import { waitFor } from '../tests/helpers/wait-for';
import type { RawClientSpec, RawLoadCalls } from './cluster-load';
import { spawnChild, type Child } from './stream-ipc';
import { percentile } from './table';

const LOAD_FILE = fileURLToPath(new URL('./cluster-load.ts', import.meta.url));
/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

export interface FanoutClient {
  /** Which instance it connects to: an index into a layout's ports, modulo their number. */
  instance: number;
  filter: RawClientSpec['filter'];
}

export interface Fanout {
  loads: Array<Child<RawLoadCalls>>;
  /** Opens every client on its instance's port; resolves with how many failed. */
  connect(clients: FanoutClient[], ports: number[]): Promise<number>;
  /** Every open client's receipt of `seq`'s sync-complete. */
  received(seq: number, timeoutMs?: number): Promise<{ at: number[]; missing: number }>;
  dropAll(): Promise<void>;
  /** When the leader announced `seq` (its stamp in the live log), and when its ingest began. */
  stampOf(seq: number): Promise<{ sentAt: number; committedAt: number }>;
  close(): Promise<void>;
}

/** CPU seconds (user + system) a process has used, from /proc; 0 when it is gone. */
export function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

export async function startFanout(options: { processes: number; redisUrl: string; logKey: string }): Promise<Fanout> {
  const loads = await Promise.all(Array.from({ length: options.processes }, () => spawnChild<RawLoadCalls>(LOAD_FILE)));
  const log = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(50 * n, 500) });
  log.on('error', () => undefined);
  return {
    loads,
    async connect(clients, ports) {
      // Client k goes to process k mod n: every process holds clients of every instance.
      const shares = loads.map((_, p) => clients.filter((_, k) => k % loads.length === p).map((c) => ({ filter: c.filter, port: ports[c.instance % ports.length] ?? 0 })));
      const opened = await Promise.all(loads.map((l, p) => l.call('connect', { clients: shares[p] ?? [], concurrency: 100 })));
      return opened.reduce((n, o) => n + o.failed, 0);
    },
    async received(seq, timeoutMs = 30_000) {
      const replies = await Promise.all(loads.map((l) => l.call('awaitSeq', { seq, timeoutMs })));
      return { at: replies.flatMap((r) => r.receivedAt), missing: replies.reduce((n, r) => n + r.missing, 0) };
    },
    async dropAll() {
      await Promise.all(loads.map((l) => l.call('drop', null)));
    },
    stampOf: (seq) => waitFor('the commit in the live log', async () => {
      for (const [, fields] of await log.xrange(options.logKey, String(seq), String(seq))) {
        const entry = decodeEntry(fields);
        if (entry?.kind === 'prices' && entry.committed.seq === seq) return { sentAt: entry.sentAt, committedAt: entry.committed.committedAt };
      }
      return undefined;
    }, 10_000),
    async close() {
      await Promise.all(loads.map((l) => l.kill()));
      log.disconnect();
    },
  };
}

export interface DeliveryRow extends Record<string, string | number> {
  layout: string;
  clients: number;
  failed: number;
  syncs: number;
  'p50 ms': number;
  'p99 ms': number;
  'max ms': number;
  missed: number;
}

/**
 * Connects `clients` to `ports`, lets one commit warm the path up, then times `syncs` commits
 * (`nextCommit` makes one and resolves with its seq) from the leader's stamp to every socket.
 */
export async function measureDelivery(input: {
  fanout: Fanout;
  layout: string;
  clients: FanoutClient[];
  ports: number[];
  syncs: number;
  nextCommit: () => Promise<number>;
  instancePids: Array<number | undefined>;
}): Promise<DeliveryRow> {
  const { fanout } = input;
  const failed = await fanout.connect(input.clients, input.ports);
  await fanout.received(await input.nextCommit());
  const loadPids = fanout.loads.map((l) => (l.ready as { pid: number }).pid);
  const cpu = (pids: Array<number | undefined>): number => pids.reduce<number>((sum, pid) => sum + cpuSeconds(pid), 0);
  const [instancesBefore, loadsBefore, wallBefore] = [cpu(input.instancePids), cpu(loadPids), performance.now()];
  const fromCommit: number[] = [];
  const fromIngest: number[] = [];
  let missed = 0;
  for (let s = 0; s < input.syncs; s += 1) {
    const seq = await input.nextCommit();
    const [stamp, got] = await Promise.all([fanout.stampOf(seq), fanout.received(seq)]);
    fromCommit.push(...got.at.map((t) => t - stamp.sentAt));
    fromIngest.push(...got.at.map((t) => t - stamp.committedAt));
    missed += got.missing;
  }
  const wall = (performance.now() - wallBefore) / 1000;
  const share = (seconds: number): string => `${Math.round((100 * seconds) / wall)}%`;
  return {
    layout: input.layout,
    clients: input.clients.length - failed,
    failed,
    syncs: input.syncs,
    'p50 ms': percentile(fromCommit, 50),
    'p99 ms': percentile(fromCommit, 99),
    'max ms': Math.max(...fromCommit),
    'p99 from ingest start ms': percentile(fromIngest, 99),
    missed,
    'instances CPU': share(cpu(input.instancePids) - instancesBefore),
    'load CPU': share(cpu(loadPids) - loadsBefore),
  };
}

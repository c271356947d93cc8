// Child process: thousands of stream clients on raw loopback sockets, as cheap as a client can be,
// so a 2-core machine spends its time in the servers under test and not here. No HTTP client, no
// text decoding, no SSE parser: each socket reads into one buffer shared by all of them (`onread`),
// and a read is only searched (natively, Buffer#indexOf) for the `sync-complete` line; the id just
// before it gives the seq. The receipt time is taken as the read callback starts, so what a client
// records is when its socket handed the batch to this process. Only the original JSON wire: the
// cluster bench measures delivery, the fanout bench the formats.
import { connect, type Socket } from 'node:net';
import { serveParent } from './stream-ipc';

export interface RawClientSpec {
  /** null: every item. */
  filter: number[] | null;
  port: number;
}

export type RawLoadCalls = {
  connect(payload: { clients: RawClientSpec[]; concurrency: number }): Promise<{ open: number; failed: number }>;
  /** Resolves once every open client has the sync-complete of `seq` (or at the deadline), with receipt times. */
  awaitSeq(payload: { seq: number; timeoutMs: number }): Promise<{ receivedAt: number[]; missing: number }>;
  drop(_: null): Promise<number>;
};

const SYNC = Buffer.from('\nevent: sync-complete\n');
const CONNECTED = Buffer.from('event: connected\n');
const OK = Buffer.from('HTTP/1.1 200');
/** Bytes of a read kept for the next, so a line cut between two reads is still found. */
const CARRY = 64;
const DOT = 0x2e;

interface RawClient {
  /** The request's query ('' for every item). */
  query: string;
  port: number;
  socket: Socket | undefined;
  open: boolean;
  completedSeq: number;
  carry: Buffer;
}

const now = (): number => performance.timeOrigin + performance.now();
const receipts = new Map<number, number[]>();
const waiters = new Map<number, () => void>();
let clients: RawClient[] = [];
let openCount = 0;
let closedWaiter: (() => void) | undefined;
const shared = Buffer.allocUnsafe(256 * 1024);

/** The seq of the id line ending just before `at` (`id: EPOCH.SEQ`), or NaN. */
function seqBefore(data: Buffer, at: number): number {
  let seq = 0;
  let scale = 1;
  for (let i = at - 1; i >= 0; i -= 1) {
    const byte = data[i] ?? 0;
    if (byte === DOT) return scale === 1 ? NaN : seq;
    if (byte < 0x30 || byte > 0x39) return NaN;
    seq += (byte - 0x30) * scale;
    scale *= 10;
  }
  return NaN;
}

function received(client: RawClient, seq: number, at: number): void {
  if (!(seq > client.completedSeq)) return;
  client.completedSeq = seq;
  let times = receipts.get(seq);
  if (times === undefined) receipts.set(seq, (times = []));
  times.push(at);
  if (times.length >= openCount) waiters.get(seq)?.();
}

/** Searches one read (with the previous read's tail in front of its head) for sync-complete lines. */
function scan(client: RawClient, data: Buffer, at: number): void {
  const edge = client.carry.length > 0 ? Buffer.concat([client.carry, data.subarray(0, CARRY)]) : undefined;
  if (edge !== undefined) {
    const hit = edge.indexOf(SYNC);
    if (hit !== -1 && hit + SYNC.length > client.carry.length) received(client, seqBefore(edge, hit), at);
  }
  for (let hit = data.indexOf(SYNC); hit !== -1; hit = data.indexOf(SYNC, hit + SYNC.length)) {
    // An id line cut by the read boundary is read from the carry, just as the edge search does.
    received(client, hit > 24 ? seqBefore(data, hit) : seqBefore(Buffer.concat([client.carry, data.subarray(0, hit)]), client.carry.length + hit), at);
  }
  client.carry = Buffer.from(data.subarray(Math.max(0, data.length - CARRY)));
}

function open(client: RawClient): Promise<void> {
  return new Promise((resolve, reject) => {
    let head = true;
    const socket = connect({
      host: '127.0.0.1',
      port: client.port,
      onread: {
        buffer: shared,
        // Every read lands in `shared` and is done with before the callback returns.
        callback: (size) => {
          const at = now();
          const data = shared.subarray(0, size);
          if (head) {
            if (data.indexOf(OK) !== 0) {
              socket.destroy();
              reject(new Error(data.subarray(0, 40).toString()));
              return false;
            }
            if (data.indexOf(CONNECTED) === -1) return true;
            head = false;
            client.open = true;
            openCount += 1;
            resolve();
          }
          scan(client, data, at);
          return true;
        },
      },
    });
    socket.setNoDelay(true);
    socket.on('connect', () => socket.write(`GET /api/v1/prices/stream${client.query} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`));
    socket.on('error', (error) => reject(error));
    socket.on('close', () => {
      if (!client.open) reject(new Error('closed before the stream opened'));
      if (client.open) openCount -= 1;
      client.open = false;
      if (openCount === 0) closedWaiter?.();
    });
    client.socket = socket;
  });
}

const handlers: RawLoadCalls = {
  async connect({ clients: specs, concurrency }) {
    clients = specs.map((spec) => ({
      query: spec.filter === null ? '' : `?items=${spec.filter.join(',')}`, port: spec.port, socket: undefined, open: false, completedSeq: -1, carry: Buffer.alloc(0),
    }));
    let next = 0;
    let failed = 0;
    const worker = async (): Promise<void> => {
      for (let index = next++; index < clients.length; index = next++) {
        const client = clients[index];
        if (client !== undefined) await open(client).catch(() => (failed += 1));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, clients.length) }, worker));
    return { open: openCount, failed };
  },
  awaitSeq({ seq, timeoutMs }) {
    let times = receipts.get(seq);
    if (times === undefined) receipts.set(seq, (times = []));
    const done = times;
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        waiters.delete(seq);
        receipts.delete(seq);
        resolve({ receivedAt: done, missing: Math.max(0, openCount - done.length) });
      };
      const timer = setTimeout(finish, timeoutMs);
      waiters.set(seq, finish);
      if (done.length >= openCount) finish();
    });
  },
  async drop() {
    const closed = new Promise<void>((resolve) => (closedWaiter = resolve));
    for (const client of clients) client.socket?.destroy();
    if (openCount > 0) await closed;
    return clients.length;
  },
};

serveParent({ pid: process.pid }, handlers);

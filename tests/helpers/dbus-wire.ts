// The little of the D-Bus wire protocol a desktop notification service needs: the EXTERNAL auth,
// messages with their header fields, and the basic types (bytes, uint32, strings, signatures,
// arrays, variants), little-endian. Enough to answer Chromium's calls and send it signals; not a
// general D-Bus library (no unix fds, no big-endian peers, no introspection).
import { connect, type Socket } from 'node:net';
import { WireReader, WireWriter } from './dbus-values';

export { WireReader, WireWriter };

export const enum MessageType {
  MethodCall = 1,
  MethodReturn = 2,
  Error = 3,
  Signal = 4,
}

const NO_REPLY_EXPECTED = 0x1;
/** 'l': the message's values are little-endian. */
const LITTLE_ENDIAN = 0x6c;

const enum Field {
  Path = 1,
  Interface = 2,
  Member = 3,
  ErrorName = 4,
  ReplySerial = 5,
  Destination = 6,
  Sender = 7,
  Signature = 8,
}

export interface Message {
  type: MessageType;
  flags: number;
  serial: number;
  path?: string;
  interface?: string;
  member?: string;
  errorName?: string;
  replySerial?: number;
  destination?: string;
  sender?: string;
  signature?: string;
  body: Buffer;
}

function encodeMessage(message: Omit<Message, 'serial'>, serial: number): Buffer {
  const fields: Array<[Field, string, string | number]> = [];
  if (message.path !== undefined) fields.push([Field.Path, 'o', message.path]);
  if (message.interface !== undefined) fields.push([Field.Interface, 's', message.interface]);
  if (message.member !== undefined) fields.push([Field.Member, 's', message.member]);
  if (message.errorName !== undefined) fields.push([Field.ErrorName, 's', message.errorName]);
  if (message.replySerial !== undefined) fields.push([Field.ReplySerial, 'u', message.replySerial]);
  if (message.destination !== undefined) fields.push([Field.Destination, 's', message.destination]);
  if (message.signature) fields.push([Field.Signature, 'g', message.signature]);
  const header = new WireWriter();
  header.byte(LITTLE_ENDIAN);
  header.byte(message.type);
  header.byte(message.flags);
  header.byte(1);
  header.uint32(message.body.length);
  header.uint32(serial);
  header.array(8, () => {
    for (const [code, type, value] of fields) {
      header.align(8);
      header.byte(code);
      header.signature(type);
      if (type === 'u') header.uint32(value as number);
      else if (type === 'g') header.signature(value as string);
      else header.string(value as string);
    }
  });
  header.align(8);
  return Buffer.concat([header.bytes(), message.body]);
}

function decodeMessage(bytes: Buffer): Message {
  if (bytes[0] !== LITTLE_ENDIAN) throw new Error('a big-endian D-Bus peer: not supported here');
  const reader = new WireReader(bytes);
  reader.uint32(); // endianness, type, flags, version
  const bodyLength = reader.uint32();
  const serial = reader.uint32();
  const message: Message = { type: bytes[1]!, flags: bytes[2]!, serial, body: Buffer.alloc(0) };
  const fieldsEnd = 16 + reader.uint32();
  while (true) {
    reader.align(8);
    if (reader.position >= fieldsEnd) break;
    const code = reader.byte() as Field;
    const value = reader.variant();
    if (code === Field.Path) message.path = value as string;
    else if (code === Field.Interface) message.interface = value as string;
    else if (code === Field.Member) message.member = value as string;
    else if (code === Field.ErrorName) message.errorName = value as string;
    else if (code === Field.ReplySerial) message.replySerial = value as number;
    else if (code === Field.Destination) message.destination = value as string;
    else if (code === Field.Sender) message.sender = value as string;
    else if (code === Field.Signature) message.signature = value as string;
  }
  const bodyStart = Math.ceil(fieldsEnd / 8) * 8;
  message.body = bytes.subarray(bodyStart, bodyStart + bodyLength);
  return message;
}

/** Bytes in `buffer` that make the first whole message, or 0 while it is still arriving. */
function messageLength(buffer: Buffer): number {
  if (buffer.length < 16) return 0;
  const total = Math.ceil((16 + buffer.readUInt32LE(12)) / 8) * 8 + buffer.readUInt32LE(4);
  return buffer.length >= total ? total : 0;
}

export type CallHandler = (call: Message) => { signature: string; body: Buffer } | null;

/** One authenticated connection to a bus: calls out, answers calls in, sends signals. */
export class BusConnection {
  private serial = 0;
  private pending = Buffer.alloc(0);
  private readonly waiting = new Map<number, { resolve(reply: Message): void; reject(error: Error): void }>();

  private constructor(private readonly socket: Socket, private readonly handle: CallHandler) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => {
      for (const { reject } of this.waiting.values()) reject(new Error('the bus connection closed'));
      this.waiting.clear();
    });
  }

  static async open(socketPath: string, handle: CallHandler): Promise<BusConnection> {
    const socket = connect(socketPath);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const uid = Buffer.from(String(process.getuid?.() ?? 0), 'ascii').toString('hex');
    socket.write(`\0AUTH EXTERNAL ${uid}\r\n`);
    const answer = await new Promise<string>((resolve, reject) => {
      let text = '';
      const read = (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (!text.includes('\r\n')) return;
        socket.off('data', read);
        resolve(text);
      };
      socket.on('data', read).once('error', reject);
    });
    if (!answer.startsWith('OK ')) throw new Error(`the bus refused the connection: ${answer.trim()}`);
    socket.write('BEGIN\r\n');
    const connection = new BusConnection(socket, handle);
    await connection.call({ destination: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus', interface: 'org.freedesktop.DBus', member: 'Hello' });
    return connection;
  }

  call(target: { destination: string; path: string; interface: string; member: string }, signature = '', body: Buffer = Buffer.alloc(0)): Promise<Message> {
    const serial = this.send({ type: MessageType.MethodCall, flags: 0, ...target, signature, body });
    return new Promise((resolve, reject) => this.waiting.set(serial, { resolve, reject }));
  }

  signal(path: string, iface: string, member: string, signature: string, body: Buffer): void {
    this.send({ type: MessageType.Signal, flags: NO_REPLY_EXPECTED, path, interface: iface, member, signature, body });
  }

  close(): void {
    this.socket.destroy();
  }

  private send(message: Omit<Message, 'serial'>): number {
    this.serial += 1;
    this.socket.write(encodeMessage(message, this.serial));
    return this.serial;
  }

  private receive(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    for (let length = messageLength(this.pending); length > 0; length = messageLength(this.pending)) {
      const message = decodeMessage(this.pending.subarray(0, length));
      this.pending = this.pending.subarray(length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.type === MessageType.MethodReturn || message.type === MessageType.Error) {
      const waiter = message.replySerial === undefined ? undefined : this.waiting.get(message.replySerial);
      if (waiter === undefined) return;
      this.waiting.delete(message.replySerial!);
      if (message.type === MessageType.Error) waiter.reject(new Error(`${message.errorName}: ${new WireReader(message.body).string()}`));
      else waiter.resolve(message);
      return;
    }
    if (message.type !== MessageType.MethodCall) return;
    const reply = this.handle(message);
    if ((message.flags & NO_REPLY_EXPECTED) !== 0) return;
    const to = { replySerial: message.serial, destination: message.sender };
    if (reply === null) {
      const text = new WireWriter();
      text.string(`${message.interface}.${message.member} is not implemented here`);
      this.send({ type: MessageType.Error, flags: NO_REPLY_EXPECTED, ...to, errorName: 'org.freedesktop.DBus.Error.UnknownMethod', signature: 's', body: text.bytes() });
      return;
    }
    this.send({ type: MessageType.MethodReturn, flags: NO_REPLY_EXPECTED, ...to, signature: reply.signature, body: reply.body });
  }
}

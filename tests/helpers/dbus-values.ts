// D-Bus's basic values on the wire, little-endian, each at its alignment: bytes, uint32, int32,
// strings and object paths, signatures, arrays and the header fields' variants (tests/helpers/dbus-wire.ts
// frames them into messages).

/** Writes values at their D-Bus alignment, counted from the start of the header or the body. */
export class WireWriter {
  private buffer = Buffer.alloc(256);
  private length = 0;

  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  align(to: number): void {
    while (this.length % to !== 0) this.byte(0);
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  uint32(value: number): void {
    this.align(4);
    this.reserve(4);
    this.buffer.writeUInt32LE(value, this.length);
    this.length += 4;
  }

  int32(value: number): void {
    this.align(4);
    this.reserve(4);
    this.buffer.writeInt32LE(value, this.length);
    this.length += 4;
  }

  /** A string or an object path. */
  string(value: string): void {
    const text = Buffer.from(value, 'utf8');
    this.uint32(text.length);
    this.raw(text);
    this.byte(0);
  }

  signature(value: string): void {
    this.byte(value.length);
    this.raw(Buffer.from(value, 'ascii'));
    this.byte(0);
  }

  /** An array whose elements align to `elementAlign`; its length excludes the padding before the first. */
  array(elementAlign: number, writeElements: () => void): void {
    this.uint32(0);
    const lengthAt = this.length - 4;
    this.align(elementAlign);
    const start = this.length;
    writeElements();
    this.buffer.writeUInt32LE(this.length - start, lengthAt);
  }

  private raw(bytes: Buffer): void {
    this.reserve(bytes.length);
    bytes.copy(this.buffer, this.length);
    this.length += bytes.length;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = Buffer.alloc(Math.max(this.buffer.length * 2, this.length + extra));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

/** Reads values at their alignment, counted from the start of `buffer` (a header or a body). */
export class WireReader {
  private at = 0;

  constructor(private readonly buffer: Buffer) {}

  get position(): number {
    return this.at;
  }

  align(to: number): void {
    this.at = Math.ceil(this.at / to) * to;
  }

  byte(): number {
    return this.buffer[this.at++]!;
  }

  uint32(): number {
    this.align(4);
    const value = this.buffer.readUInt32LE(this.at);
    this.at += 4;
    return value;
  }

  string(): string {
    const length = this.uint32();
    const value = this.buffer.toString('utf8', this.at, this.at + length);
    this.at += length + 1;
    return value;
  }

  signature(): string {
    const length = this.byte();
    const value = this.buffer.toString('ascii', this.at, this.at + length);
    this.at += length + 1;
    return value;
  }

  /** A variant of one of the header fields' types. */
  variant(): string | number {
    const signature = this.signature();
    if (signature === 's' || signature === 'o') return this.string();
    if (signature === 'g') return this.signature();
    if (signature === 'u') return this.uint32();
    throw new Error(`unexpected variant of type ${signature} in a header`);
  }
}

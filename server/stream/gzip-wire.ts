// A gzip stream written as independent pieces, so one compressed payload serves every client.
// Each payload is deflated on its own (a fresh context: no back-reference into earlier data) and
// ends in a full flush, so its bytes are non-final deflate blocks ending on a byte boundary, valid
// after any other such piece. A client's stream is its own 10-byte gzip header, then pieces, then
// (when the server ends it) a final empty block and the trailer: the CRC-32 and length of
// everything it was sent, kept per client by combining each piece's CRC (./crc32-shift.ts).
// Small per-client text (`connected`, a goodbye) goes in stored blocks: no compressor at all.
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { combineCrc, crcShiftFor, type CrcShift } from './crc32-shift';

export interface GzipPiece {
  bytes: Buffer;
  /** CRC-32 and byte length of the uncompressed text. */
  crc: number;
  length: number;
  /** Small text: kept, so a client's CRC simply runs over it (cheaper than building a shift). */
  raw: Buffer | undefined;
  /** Large text: the CRC shift for its length, built on first use. */
  shift: CrcShift | undefined;
}

/** Magic, deflate, no flags, no mtime, no extra flags, OS unknown (RFC 1952). */
export const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/** A final fixed-Huffman block holding nothing but its end code: what Z_FINISH writes after a flush. */
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);

/**
 * Below this a payload goes in stored blocks (5 bytes more than the text, no CPU). Deflating a
 * small payload saves a few hundred bytes but costs a compressor's start-up each time, and a sync
 * has one small payload per distinct filter: thousands of them would cost the write loop far more
 * than they save on the wire. The large payloads (an unfiltered sync, a catch-up) are the bytes.
 */
const COMPRESS_FROM_BYTES = 2048;
/** Up to this a client's CRC runs over the text itself; above it, the shift is built once. */
const RAW_CRC_UP_TO = 4096;
const MAX_STORED = 0xffff;

const DEFLATE_OPTIONS = { finishFlush: constants.Z_FULL_FLUSH };

export function gzipPiece(text: string | Buffer): GzipPiece {
  const raw = typeof text === 'string' ? Buffer.from(text) : text;
  const bytes = raw.length >= COMPRESS_FROM_BYTES ? deflateRawSync(raw, DEFLATE_OPTIONS) : storedBlocks(raw);
  return { bytes, crc: crc32(raw), length: raw.length, raw: raw.length <= RAW_CRC_UP_TO ? raw : undefined, shift: undefined };
}

/** Non-final stored blocks (BFINAL 0, BTYPE 00): a 5-byte head each, the bytes as they are. */
function storedBlocks(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < raw.length || parts.length === 0; at += MAX_STORED) {
    const slice = raw.subarray(at, at + MAX_STORED);
    const head = Buffer.alloc(5);
    head.writeUInt16LE(slice.length, 1);
    head.writeUInt16LE(~slice.length & 0xffff, 3);
    parts.push(head, slice);
  }
  return Buffer.concat(parts);
}

/** One client's running CRC and length, for its trailer. */
export interface GzipTally {
  crc: number;
  length: number;
}

export function addPiece(tally: GzipTally, piece: GzipPiece): void {
  if (piece.raw !== undefined) tally.crc = crc32(piece.raw, tally.crc);
  else tally.crc = combineCrc(tally.crc, piece.crc, (piece.shift ??= crcShiftFor(piece.length)));
  tally.length = (tally.length + piece.length) % 2 ** 32;
}

/** The end of a stream: a final block and the trailer (CRC-32, then length mod 2^32, little-endian). */
export function gzipEnd(tally: GzipTally): Buffer {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(tally.crc >>> 0, 0);
  trailer.writeUInt32LE(tally.length >>> 0, 4);
  return Buffer.concat([FINAL_EMPTY_BLOCK, trailer]);
}

/**
 * A payload written to many clients: its text, its UTF-8 bytes and its gzip piece, each made on
 * first use only. Plain clients are written the bytes: a string would be measured (the chunk's
 * length) and encoded again for every client, and an unfiltered sync of the real series is
 * ~200 KB, so each of hundreds of clients cost two passes over it per sync.
 */
export class SharedPayload {
  private piece: GzipPiece | undefined;
  private raw: Buffer | undefined;

  constructor(readonly text: string) {}

  bytes(): Buffer {
    return (this.raw ??= Buffer.from(this.text));
  }

  gzip(): GzipPiece {
    return (this.piece ??= gzipPiece(this.bytes()));
  }
}

// CRC-32 of a concatenation from the CRCs of its parts, without the bytes (zlib's crc32_combine):
// crc(A + B) = shift(crc(A), length(B)) ^ crc(B), where shift appends length(B) zero bytes to the
// register, a linear map over GF(2). The map for a length is a 32x32 bit matrix built once per
// payload; applying it to one client's CRC is at most 32 XORs, so a payload shared by thousands of
// gzip streams is never read again per client to keep each stream's trailer right.
// See https://github.com/madler/zlib/blob/v1.3.1/crc32.c (crc32_combine_gen / crc32_combine_op).

/** A linear map on the 32-bit CRC register: column i is the image of bit i. */
export type CrcShift = Uint32Array;

/** The reflected CRC-32 polynomial. */
const POLY = 0xedb88320;

function times(map: CrcShift, vector: number): number {
  let sum = 0;
  for (let i = 0, v = vector >>> 0; v !== 0; i += 1, v >>>= 1) if (v & 1) sum ^= map[i] as number;
  return sum >>> 0;
}

/** a after b. */
function compose(a: CrcShift, b: CrcShift): CrcShift {
  const out = new Uint32Array(32);
  for (let i = 0; i < 32; i += 1) out[i] = times(a, b[i] as number);
  return out;
}

const IDENTITY = Uint32Array.from({ length: 32 }, (_, i) => (1 << i) >>> 0);
/** One zero bit into the register. */
const ONE_BIT = Uint32Array.from({ length: 32 }, (_, i) => (i === 0 ? POLY : (1 << (i - 1)) >>> 0));
/** Powers of the one-byte shift: BYTE_POWERS[k] appends 2^k zero bytes. */
const BYTE_POWERS: CrcShift[] = [compose(ONE_BIT, compose(ONE_BIT, compose(ONE_BIT, compose(ONE_BIT, compose(ONE_BIT, compose(ONE_BIT, compose(ONE_BIT, ONE_BIT)))))))];
for (let k = 1; k < 32; k += 1) {
  const previous = BYTE_POWERS[k - 1] as CrcShift;
  BYTE_POWERS.push(compose(previous, previous));
}

/** The map that appends `length` zero bytes (length < 2^32). */
export function crcShiftFor(length: number): CrcShift {
  let map: CrcShift = IDENTITY;
  for (let k = 0, rest = length; rest > 0; k += 1, rest = Math.floor(rest / 2)) {
    if (rest % 2 === 1) map = compose(BYTE_POWERS[k] as CrcShift, map);
  }
  return map;
}

/** The CRC-32 of A + B from crc(A), crc(B) and the shift for B's length. */
export function combineCrc(crcA: number, crcB: number, shiftB: CrcShift): number {
  return (times(shiftB, crcA) ^ crcB) >>> 0;
}

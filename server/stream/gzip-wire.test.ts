import { crc32, gunzipSync, inflateRawSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../tests/helpers/seeded-random';
import { combineCrc, crcShiftFor } from './crc32-shift';
import { addPiece, gzipEnd, gzipPiece, GZIP_HEADER, type GzipTally } from './gzip-wire';

const randomText = (random: ReturnType<typeof createRandom>, length: number): string =>
  Array.from({ length }, () => String.fromCharCode(random.int(32, 126))).join('').replace(/x/g, 'é');

describe('gzip pieces', () => {
  it('combines CRCs of any two parts into the CRC of their concatenation', () => {
    const random = createRandom(3);
    for (let run = 0; run < 200; run += 1) {
      const a = Buffer.from(randomText(random, random.int(0, 3000)));
      const b = Buffer.from(randomText(random, random.chance(0.1) ? random.int(60_000, 140_000) : random.int(0, 3000)));
      expect(combineCrc(crc32(a), crc32(b), crcShiftFor(b.length))).toBe(crc32(Buffer.concat([a, b])));
    }
  });

  it('makes a gzip stream from pieces in any order and number that gunzip (which checks the trailer) reads back exactly', () => {
    const random = createRandom(5);
    const texts = Array.from({ length: 40 }, () => randomText(random, random.chance(0.3) ? random.int(0, 200) : random.int(200, 70_000)));
    const pieces = texts.map(gzipPiece);
    for (let run = 0; run < 20; run += 1) {
      // A client that joined at a random point, with its own first text.
      const start = random.int(0, texts.length - 1);
      const own = gzipPiece(`retry: ${run}\n\n`);
      const tally: GzipTally = { crc: 0, length: 0 };
      const chosen = [own, ...pieces.slice(start)];
      for (const piece of chosen) addPiece(tally, piece);
      const stream = Buffer.concat([GZIP_HEADER, ...chosen.map((p) => p.bytes), gzipEnd(tally)]);
      expect(gunzipSync(stream).toString()).toBe(`retry: ${run}\n\n${texts.slice(start).join('')}`);
    }
  });

  it('ends every piece on a block boundary, so what arrived so far decodes without waiting for more', () => {
    const piece = gzipPiece('event: heartbeat\ndata: {"ts":1}\n\n'.repeat(100));
    expect(inflateRawSync(piece.bytes, { finishFlush: constants.Z_SYNC_FLUSH }).toString()).toBe('event: heartbeat\ndata: {"ts":1}\n\n'.repeat(100));
    expect(piece.bytes.length).toBeLessThan(300);
  });
});

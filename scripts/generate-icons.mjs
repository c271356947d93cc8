// Draws the app icons once (`node scripts/generate-icons.mjs`); the PNGs are committed under
// public/icons. A tiny signed-distance rasteriser and PNG encoder on node:zlib keep the build free
// of image tooling. The glyph: a gold coin with a rising price line, on the app's dark header colour.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = join(new URL('..', import.meta.url).pathname, 'public', 'icons');
const BACKGROUND = [20, 23, 28];
const GOLD = [226, 179, 60];
const GOLD_DARK = [168, 124, 28];
const LINE = [20, 23, 28];

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** RGBA pixels (size*size*4) to a PNG file: colour type 6, 8 bits, filter 0 on every row. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;

function roundedSquare(x, y, half, radius) {
  const qx = Math.abs(x - 0.5) - half + radius;
  const qy = Math.abs(y - 0.5) - half + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function segment(x, y, [ax, ay], [bx, by], width) {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * t, py - dy * t) - width / 2;
}

/** Colour of one sample at unit coordinates; `scale` shrinks the glyph into the maskable safe zone. */
function sample(x, y, { maskable, scale }) {
  const inside = maskable ? true : roundedSquare(x, y, 0.5, 0.18) <= 0;
  if (!inside) return null;
  const gx = (x - 0.5) / scale + 0.5;
  const gy = (y - 0.5) / scale + 0.5;
  const points = [[0.3, 0.62], [0.44, 0.5], [0.54, 0.57], [0.7, 0.38]];
  for (let i = 0; i < points.length - 1; i += 1) {
    if (segment(gx, gy, points[i], points[i + 1], 0.07) <= 0 && circle(gx, gy, 0.5, 0.5, 0.3) <= 0) return LINE;
  }
  if (circle(gx, gy, 0.5, 0.5, 0.3) <= 0) return GOLD;
  if (circle(gx, gy, 0.5, 0.5, 0.34) <= 0) return GOLD_DARK;
  return BACKGROUND;
}

function draw(size, options) {
  const pixels = Buffer.alloc(size * size * 4);
  const grid = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < grid; sy += 1) {
        for (let sx = 0; sx < grid; sx += 1) {
          const colour = sample((px + (sx + 0.5) / grid) / size, (py + (sy + 0.5) / grid) / size, options);
          if (!colour) continue;
          sum[0] += colour[0];
          sum[1] += colour[1];
          sum[2] += colour[2];
          sum[3] += 255;
        }
      }
      const covered = sum[3] / 255;
      const offset = (py * size + px) * 4;
      pixels[offset] = covered ? Math.round(sum[0] / covered) : 0;
      pixels[offset + 1] = covered ? Math.round(sum[1] / covered) : 0;
      pixels[offset + 2] = covered ? Math.round(sum[2] / covered) : 0;
      pixels[offset + 3] = Math.round(sum[3] / (grid * grid));
    }
  }
  return encodePng(size, pixels);
}

mkdirSync(out, { recursive: true });
const icons = [
  ['icon-192.png', 192, { maskable: false, scale: 1 }],
  ['icon-512.png', 512, { maskable: false, scale: 1 }],
  // Maskable icons keep the glyph inside the central 80% circle that every launcher mask shows.
  ['maskable-192.png', 192, { maskable: true, scale: 0.78 }],
  ['maskable-512.png', 512, { maskable: true, scale: 0.78 }],
  // iOS draws its own rounded corners and shows transparency as black: full bleed.
  ['apple-touch-icon.png', 180, { maskable: true, scale: 0.9 }],
  ['favicon-32.png', 32, { maskable: false, scale: 1 }],
];
for (const [name, size, options] of icons) {
  writeFileSync(join(out, name), draw(size, options));
  process.stdout.write(`wrote public/icons/${name}\n`);
}

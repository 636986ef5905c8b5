// Draws the toolbar and store icons at build time (a "no entry" sign: a white bar on a round blue field, for
// "I object"), so no binary image sits in the repository and every size is drawn sharp rather than scaled.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const FIELD = [11, 87, 208];
const SUPERSAMPLE = 4;

function coverage(size, x, y) {
  // Fraction of the pixel inside the circle, and inside the bar, by sampling a SUPERSAMPLE x SUPERSAMPLE grid.
  let inCircle = 0;
  let inBar = 0;
  const r = size / 2;
  for (let i = 0; i < SUPERSAMPLE; i++) {
    for (let j = 0; j < SUPERSAMPLE; j++) {
      const px = x + (i + 0.5) / SUPERSAMPLE - r;
      const py = y + (j + 0.5) / SUPERSAMPLE - r;
      if (px * px + py * py <= r * r) {
        inCircle++;
        if (Math.abs(py) <= size * 0.11 && Math.abs(px) <= size * 0.3) inBar++;
      }
    }
  }
  const n = SUPERSAMPLE * SUPERSAMPLE;
  return [inCircle / n, inBar / n];
}

function crc32(bytes) {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size) {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [circle, bar] = coverage(size, x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const white = circle > 0 ? bar / circle : 0;
      for (let c = 0; c < 3; c++) rows[o + c] = Math.round(FIELD[c] * (1 - white) + 255 * white);
      rows[o + 3] = Math.round(255 * circle);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function writeIcons(dir) {
  mkdirSync(dir, { recursive: true });
  for (const size of SIZES) writeFileSync(join(dir, `icon-${size}.png`), png(size));
}

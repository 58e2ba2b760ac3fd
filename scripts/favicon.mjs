// Writes favicon.ico at the application root, where Strapi's favicon middleware (strapi::favicon)
// looks for it (favicon.png first, then favicon.ico): a ticket in the admin's primary colour on
// a transparent background, as an ICO file holding 16×16 and 32×32 PNG images.
// Run once with `node scripts/favicon.mjs`; the result is committed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PRIMARY = [0x49, 0x45, 0xff]; // Strapi's primary600

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};

/** A ticket: a rounded rectangle with a notch on each side and a dashed tear line. */
function ticket(size) {
  const rows = [];
  const s = size / 32;
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const cx = (x + 0.5) / s;
      const cy = (y + 0.5) / s;
      let inside = cx >= 2 && cx <= 30 && cy >= 7 && cy <= 25;
      // rounded corners
      for (const [kx, ky] of [
        [5, 10],
        [27, 10],
        [5, 22],
        [27, 22],
      ]) {
        if (
          (cx < 5 && cy < 10 && kx === 5 && ky === 10) ||
          (cx > 27 && cy < 10 && kx === 27 && ky === 10) ||
          (cx < 5 && cy > 22 && kx === 5 && ky === 22) ||
          (cx > 27 && cy > 22 && kx === 27 && ky === 22)
        ) {
          if ((cx - kx) ** 2 + (cy - ky) ** 2 > 9) inside = false;
        }
      }
      // notches
      if ((cx - 2) ** 2 + (cy - 16) ** 2 < 9 || (cx - 30) ** 2 + (cy - 16) ** 2 < 9) inside = false;
      // tear line
      const tear = cx >= 21 && cx < 22.5 && Math.floor(cy) % 3 !== 0 && cy > 8 && cy < 24;
      row.push(...(inside && !tear ? [...PRIMARY, 255] : [0, 0, 0, 0]));
    }
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const images = [16, 32].map((size) => ({ size, png: ticket(size) }));
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2); // icon
header.writeUInt16LE(images.length, 4);
let offset = 6 + 16 * images.length;
const entries = images.map(({ size, png }) => {
  const entry = Buffer.alloc(16);
  entry[0] = size;
  entry[1] = size;
  entry.writeUInt16LE(1, 4); // planes
  entry.writeUInt16LE(32, 6); // bits per pixel
  entry.writeUInt32LE(png.length, 8);
  entry.writeUInt32LE(offset, 12);
  offset += png.length;
  return entry;
});
fs.writeFileSync(path.join(ROOT, 'favicon.ico'), Buffer.concat([header, ...entries, ...images.map((i) => i.png)]));
console.log(`favicon.ico: ${offset} bytes`);

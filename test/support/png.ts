import { deflateSync } from 'node:zlib';

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf: Buffer): number {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** A truecolour PNG whose pixel (x, y) is `color(x, y)` as [r, g, b]. */
export function makePng(width: number, height: number, color: (x: number, y: number) => [number, number, number]): Buffer {
  return encode(width, height, 3, color);
}

/** The same with an alpha channel: `color(x, y)` is [r, g, b, a]. */
export function makeRgbaPng(width: number, height: number, color: (x: number, y: number) => [number, number, number, number]): Buffer {
  return encode(width, height, 4, color);
}

function encode(width: number, height: number, channels: 3 | 4, color: (x: number, y: number) => number[]): Buffer {
  const raw = Buffer.alloc((width * channels + 1) * height);
  let o = 0;
  for (let y = 0; y < height; y++) {
    raw[o++] = 0;
    for (let x = 0; x < width; x++) {
      const px = color(x, y);
      for (let c = 0; c < channels; c++) raw[o++] = px[c]!;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = channels === 4 ? 6 : 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Four solid quadrants: red, green / blue, yellow. Easy to check after any resize. */
export const quadrants = (w: number, h: number) =>
  makePng(w, h, (x, y) => (y < h / 2 ? (x < w / 2 ? [255, 0, 0] : [0, 255, 0]) : x < w / 2 ? [0, 0, 255] : [255, 255, 0]));

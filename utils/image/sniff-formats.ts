/** Byte-level readers for sniff.ts: sizes and flags no decoder has to be trusted with. */
export const be16 = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
export const be32 = (b: Uint8Array, o: number) => ((be16(b, o) << 16) | be16(b, o + 2)) >>> 0;
export const ascii = (b: Uint8Array, o: number, n: number) => String.fromCharCode(...b.subarray(o, o + n));

export interface JpegInfo {
  width?: number;
  height?: number;
  components?: number;
  orientation?: number;
  /** The IJG quality (1–100) its luminance quantisation table matches, when it has one. */
  quality?: number;
  /** Colour at a lower resolution than luminance (4:2:0, 4:2:2), as every photo encoder writes by default. */
  chromaSubsampled?: boolean;
  /** Where the walk stopped early: the file ends inside a segment. */
  cut?: boolean;
}

/** The IJG (libjpeg) luminance table at quality 50, which encoders scale by quality (JPEG spec, Annex K). */
const IJG_LUMA_SUM = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
].reduce((a, b) => a + b, 0);

/**
 * The IJG quality whose scaled table has the same total as `table` (libjpeg's own mapping: scale =
 * 5000/q below 50, 200 − 2q above). Exact for libjpeg-family encoders, Chromium's included; close for others.
 */
function ijgQuality(tableSum: number): number {
  const scale = (100 * tableSum) / IJG_LUMA_SUM;
  const q = scale <= 100 ? (200 - scale) / 2 : 5000 / scale;
  return Math.max(1, Math.min(100, Math.round(q)));
}

/** The sum of quantisation table 0 (luminance, by convention) in a DQT segment at `o`, if it has it. */
function lumaTableSum(b: Uint8Array, o: number, len: number): number | undefined {
  for (let at = o + 4; at < o + 2 + len; ) {
    const wide = (b[at] ?? 0) >> 4;
    const id = (b[at] ?? 0) & 15;
    let sum = 0;
    for (let i = 0; i < 64; i++) sum += wide ? be16(b, at + 1 + 2 * i) : (b[at + 1 + i] ?? 0);
    if (id === 0) return sum;
    at += 1 + 64 * (wide ? 2 : 1);
  }
  return undefined;
}

function exifOrientation(b: Uint8Array, tiff: number): number | undefined {
  const le = ascii(b, tiff, 2) === 'II';
  const u16 = (o: number) => (le ? (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) : be16(b, o));
  const u32 = (o: number) => (le ? (u16(o) | (u16(o + 2) << 16)) >>> 0 : be32(b, o));
  const ifd = tiff + u32(tiff + 4);
  const n = u16(ifd);
  for (let i = 0; i < n && ifd + 2 + i * 12 + 12 <= b.length; i++) {
    const e = ifd + 2 + i * 12;
    if (u16(e) === 0x0112) return u16(e + 8);
  }
  return undefined;
}

/** Walks JPEG segments up to the frame header: size, colour components, EXIF orientation. */
export function readJpeg(b: Uint8Array): JpegInfo {
  const info: JpegInfo = {};
  let o = 2;
  while (o + 4 <= b.length) {
    if (b[o] !== 0xff) return info;
    const marker = b[o + 1] ?? 0;
    if (marker === 0xff) { o++; continue; }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { o += 2; continue; }
    const len = be16(b, o + 2);
    if (o + 2 + len > b.length) return { ...info, cut: true };
    if (marker === 0xe1 && ascii(b, o + 4, 6) === 'Exif\0\0' && info.orientation === undefined) info.orientation = exifOrientation(b, o + 10);
    if (marker === 0xdb && info.quality === undefined) {
      const sum = lumaTableSum(b, o, len);
      if (sum) info.quality = ijgQuality(sum);
    }
    // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      const components = b[o + 9];
      // The first component is luminance; its sampling factors above 1 mean the others are stored smaller.
      const ySampling = b[o + 11] ?? 0x11;
      const chromaSubsampled = components === 3 && ((ySampling >> 4) > 1 || (ySampling & 15) > 1);
      return { ...info, height: be16(b, o + 5), width: be16(b, o + 7), components, chromaSubsampled };
    }
    if (marker === 0xda || marker === 0xd9) return info; // scan data before any frame header
    o += 2 + len;
  }
  return { ...info, cut: true };
}

/** PNG IHDR checks: chunk name and CRC, legal bit depth for the colour type. Returns a problem, or undefined. */
const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (b: Uint8Array) => {
  let c = -1;
  for (const x of b) c = CRC[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

export function pngProblem(b: Uint8Array): string | undefined {
  if (b.length < 33) return 'the file ends inside its header';
  if (be32(b, 8) !== 13 || ascii(b, 12, 4) !== 'IHDR') return 'its header chunk is missing';
  if (crc32(b.subarray(12, 29)) !== be32(b, 29)) return 'its header checksum is wrong';
  const [depth, type] = [b[24] ?? 0, b[25] ?? 0];
  if (!DEPTHS[type]?.includes(depth)) return `its header names an impossible format (colour type ${type}, bit depth ${depth})`;
  if (be32(b, 16) < 1 || be32(b, 20) < 1 || be32(b, 16) > 0x7fffffff || be32(b, 20) > 0x7fffffff) return 'its header gives an impossible size';
  return undefined;
}

/** True when an animation control chunk comes before the image data (APNG). */
export function pngAnimated(b: Uint8Array): boolean {
  for (let o = 8; o + 8 <= b.length; o += 12 + be32(b, o)) {
    const type = ascii(b, o + 4, 4);
    if (type === 'acTL') return true;
    if (type === 'IDAT') return false;
  }
  return false;
}

/** GIF: more than one image, walking the block structure rather than trusting extensions. */
export function gifFrames(b: Uint8Array, stopAt = 2): number {
  const packed = b[10] ?? 0;
  let o = 13 + (packed & 0x80 ? 3 * 2 ** ((packed & 7) + 1) : 0);
  let frames = 0;
  const skipBlocks = () => {
    while (o < b.length && b[o] !== 0) o += (b[o] ?? 0) + 1;
    o++;
  };
  while (o < b.length && frames < stopAt) {
    const block = b[o];
    if (block === 0x21) {
      o += 2;
      skipBlocks();
    } else if (block === 0x2c) {
      frames++;
      const lp = b[o + 9] ?? 0;
      o += 10 + (lp & 0x80 ? 3 * 2 ** ((lp & 7) + 1) : 0) + 1;
      skipBlocks();
    } else {
      break; // trailer (0x3b) or damage
    }
  }
  return frames;
}

/** ISO-BMFF (AVIF, HEIC): the largest `ispe` (image spatial extent) box, which is the full image. */
export function ispeSize(b: Uint8Array): { width?: number; height?: number } {
  let best: { width?: number; height?: number } = {};
  const end = Math.min(b.length, 1 << 20);
  for (let i = 4; i + 16 <= end; i++) {
    if (b[i] !== 0x69 || ascii(b, i, 4) !== 'ispe') continue;
    const width = be32(b, i + 8);
    const height = be32(b, i + 12);
    if (width * height > (best.width ?? 0) * (best.height ?? 0)) best = { width, height };
  }
  return best;
}

/** JPEG XL SizeHeader, from a bare codestream (FF 0A) or the first jxlc/jxlp box of a container. */
export function jxlSize(b: Uint8Array): { width?: number; height?: number } {
  let start = -1;
  if (b[0] === 0xff && b[1] === 0x0a) start = 2;
  for (let o = 0; start < 0 && o + 8 <= b.length; ) {
    const size = be32(b, o);
    const type = ascii(b, o + 4, 4);
    if (type === 'jxlc') start = o + 8 + 2;
    else if (type === 'jxlp') start = o + 8 + 4 + 2;
    if (size < 8) break;
    o += size;
  }
  if (start < 0 || b[start - 2] !== 0xff || b[start - 1] !== 0x0a) return {};
  let bit = 0;
  const u = (n: number) => {
    let v = 0;
    for (let i = 0; i < n; i++, bit++) v += (((b[start + (bit >> 3)] ?? 0) >> (bit & 7)) & 1) * 2 ** i;
    return v;
  };
  const u32 = () => u([9, 13, 18, 30][u(2)]!) + 1;
  const small = u(1) === 1;
  const height = small ? (u(5) + 1) * 8 : u32();
  const ratio = u(3);
  const R: Record<number, [number, number]> = { 1: [1, 1], 2: [12, 10], 3: [4, 3], 4: [3, 2], 5: [16, 9], 6: [5, 4], 7: [2, 1] };
  const r = R[ratio];
  const width = r ? Math.floor((height * r[0]) / r[1]) : small ? (u(5) + 1) * 8 : u32();
  return { width, height };
}

/** ICO: the largest directory entry, or the size inside an embedded PNG (which can claim anything). */
export function icoSize(b: Uint8Array): { width?: number; height?: number } {
  const count = (b[4] ?? 0) | ((b[5] ?? 0) << 8);
  let best = { width: 0, height: 0 };
  for (let i = 0; i < count && 6 + i * 16 + 16 <= b.length; i++) {
    const e = 6 + i * 16;
    let width = b[e] || 256;
    let height = b[e + 1] || 256;
    const off = ((b[e + 12] ?? 0) | ((b[e + 13] ?? 0) << 8) | ((b[e + 14] ?? 0) << 16) | ((b[e + 15] ?? 0) << 24)) >>> 0;
    if (b[off] === 0x89 && ascii(b, off + 1, 3) === 'PNG') [width, height] = [be32(b, off + 16), be32(b, off + 20)];
    if (width * height > best.width * best.height) best = { width, height };
  }
  return best.width ? best : {};
}

/** Reads format and pixel size from the first bytes, before anything is decoded. */
export interface ImageHeader {
  mime: string;
  width?: number;
  height?: number;
}

const be16 = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const be32 = (b: Uint8Array, o: number) => ((be16(b, o) << 16) | be16(b, o + 2)) >>> 0;
const le16 = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const le24 = (b: Uint8Array, o: number) => le16(b, o) | ((b[o + 2] ?? 0) << 16);
const le32 = (b: Uint8Array, o: number) => (le16(b, o) | (le16(b, o + 2) << 16)) >>> 0;
const ascii = (b: Uint8Array, o: number, n: number) => String.fromCharCode(...b.subarray(o, o + n));

function jpegSize(b: Uint8Array): { width?: number; height?: number } {
  let o = 2;
  while (o + 9 < b.length) {
    if (b[o] !== 0xff) return {};
    const marker = b[o + 1] ?? 0;
    if (marker === 0xff) { o++; continue; }
    // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: be16(b, o + 5), width: be16(b, o + 7) };
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7)) { o += 2; continue; }
    o += 2 + be16(b, o + 2);
  }
  return {};
}

function webpSize(b: Uint8Array): { width?: number; height?: number } {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8X') return { width: le24(b, 24) + 1, height: le24(b, 27) + 1 };
  if (chunk === 'VP8 ') return { width: le16(b, 26) & 0x3fff, height: le16(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = le32(b, 21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return {};
}

export function readImageHeader(b: Uint8Array): ImageHeader | undefined {
  if (b[0] === 0x89 && ascii(b, 1, 3) === 'PNG') return { mime: 'image/png', width: be32(b, 16), height: be32(b, 20) };
  if (b[0] === 0xff && b[1] === 0xd8) return { mime: 'image/jpeg', ...jpegSize(b) };
  if (ascii(b, 0, 4) === 'GIF8') return { mime: 'image/gif', width: le16(b, 6), height: le16(b, 8) };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return { mime: 'image/webp', ...webpSize(b) };
  if (ascii(b, 0, 2) === 'BM') return { mime: 'image/bmp', width: le32(b, 18), height: Math.abs(le32(b, 22) | 0) };
  if (ascii(b, 4, 8) === 'ftypavif' || ascii(b, 4, 8) === 'ftypavis') return { mime: 'image/avif' };
  if (/^ftyp(heic|heix|mif1|msf1)/.test(ascii(b, 4, 8))) return { mime: 'image/heic' };
  if (b[0] === 0 && b[1] === 0 && b[2] === 1 && b[3] === 0) return { mime: 'image/x-icon' };
  const head = new TextDecoder().decode(b.subarray(0, 512)).trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) return { mime: 'image/svg+xml' };
  return undefined;
}

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../../../utils/image/header';
import { MAX_DECODE_PIXELS } from '../../../utils/image/prepare';

const FIXTURES = new URL('../../fixtures/images/', import.meta.url);
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FIXTURES)));

const CORPUS = '/work/shared/corpus';
const MANIFEST = `${CORPUS}/manifest.json`;
const HAVE_CORPUS = existsSync(MANIFEST);

interface ManifestItem {
  path: string;
  format?: string | null;
  width?: number | null;
  height?: number | null;
  decode_error?: string | null;
}
const items: ManifestItem[] = HAVE_CORPUS ? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as { items: ManifestItem[] }).items : [];
const corpusFile = (path: string) => new Uint8Array(readFileSync(`${CORPUS}/${path}`));

const SIZED: Record<string, string> = { PNG: 'image/png', JPEG: 'image/jpeg', GIF: 'image/gif', WEBP: 'image/webp', BMP: 'image/bmp' };
const MIME_ONLY: Record<string, string> = { AVIF: 'image/avif', HEIC: 'image/heic', ICO: 'image/x-icon', SVG: 'image/svg+xml' };
const sized = items.filter((i) => i.format && SIZED[i.format] && i.width && i.height && existsSync(`${CORPUS}/${i.path}`));
const mimeOnly = items.filter((i) => i.format && MIME_ONLY[i.format] && existsSync(`${CORPUS}/${i.path}`));

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

describe('readImageHeader on the checked-in fixtures', () => {
  it('PNG: reads the IHDR size', () => {
    expect(readImageHeader(fixture('basn6a08.png'))).toEqual({ mime: 'image/png', width: 32, height: 32 });
  });

  it('JPEG: walks past the EXIF APP1 segment to the SOF size (stored, not EXIF-rotated)', () => {
    expect(readImageHeader(fixture('isz_1x2-flipped-big-endian.jpg'))).toEqual({ mime: 'image/jpeg', width: 1, height: 2 });
  });

  it('WebP (lossy VP8)', () => {
    expect(readImageHeader(fixture('isz_lossy.webp'))).toEqual({ mime: 'image/webp', width: 123, height: 456 });
  });

  it('SVG with only a viewBox is detected as SVG (so it can be refused before decoding)', () => {
    expect(readImageHeader(fixture('isz_viewbox.svg'))).toEqual({ mime: 'image/svg+xml' });
  });
});

describe('readImageHeader on hand-built headers', () => {
  it('GIF: logical screen size, little-endian', () => {
    const gif = new Uint8Array([...ascii('GIF89a'), ...le16(370), ...le16(285), 0xf7, 0, 0]);
    expect(readImageHeader(gif)).toEqual({ mime: 'image/gif', width: 370, height: 285 });
  });

  it('BMP: a negative height (top-down rows) is reported as positive', () => {
    const bmp = new Uint8Array(54);
    bmp.set(ascii('BM'), 0);
    bmp.set(le32(40), 14);
    bmp.set(le32(123), 18);
    bmp.set(le32(-456 >>> 0), 22);
    expect(readImageHeader(bmp)).toEqual({ mime: 'image/bmp', width: 123, height: 456 });
  });

  it('WebP VP8X and VP8L sizes', () => {
    const riff = (chunk: string, body: number[]) => new Uint8Array([...ascii('RIFF'), 0, 0, 0, 0, ...ascii('WEBP'), ...ascii(chunk), 0, 0, 0, 0, ...body]);
    // VP8X: flags(4) then 24-bit width-1, 24-bit height-1 at offset 24 and 27.
    expect(readImageHeader(riff('VP8X', [0x10, 0, 0, 0, 79, 0, 0, 168, 0, 0]))).toEqual({ mime: 'image/webp', width: 80, height: 169 });
    // VP8L: signature 0x2f, then 14 bits width-1, 14 bits height-1.
    const bits = (123 - 1) | ((456 - 1) << 14);
    expect(readImageHeader(riff('VP8L', [0x2f, ...le32(bits)]))).toEqual({ mime: 'image/webp', width: 123, height: 456 });
  });

  it('AVIF / HEIC / ICO are recognised by their signature', () => {
    const ftyp = (brand: string) => new Uint8Array([0, 0, 0, 0x1c, ...ascii('ftyp'), ...ascii(brand), 0, 0, 0, 0]);
    expect(readImageHeader(ftyp('avif'))?.mime).toBe('image/avif');
    expect(readImageHeader(ftyp('heic'))?.mime).toBe('image/heic');
    expect(readImageHeader(new Uint8Array([0, 0, 1, 0, 1, 0, 16, 16]))?.mime).toBe('image/x-icon');
  });

  it('SVG after an XML prolog, comment and doctype; not HTML or plain text', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const svg = '<?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg width="1" height="1"/>';
    expect(readImageHeader(enc(svg))?.mime).toBe('image/svg+xml');
    expect(readImageHeader(enc('  <svg xmlns="http://www.w3.org/2000/svg"></svg>'))?.mime).toBe('image/svg+xml');
    expect(readImageHeader(enc('<!doctype html><html><svg></svg></html>'))).toBeUndefined();
    expect(readImageHeader(enc('{"error":"not an image"}'))).toBeUndefined();
    expect(readImageHeader(new Uint8Array(0))).toBeUndefined();
  });
});

describe.skipIf(!HAVE_CORPUS)('readImageHeader against the corpus manifest', () => {
  it('the manifest lists PNG, JPEG, GIF, WebP and BMP items with sizes', () => {
    const formats = new Set(sized.map((i) => i.format));
    expect([...formats].sort()).toEqual(['BMP', 'GIF', 'JPEG', 'PNG', 'WEBP']);
    expect(sized.length).toBeGreaterThan(50);
  });

  it.each(sized.map((i) => [i.path, i] as const))('%s: size from the header equals the manifest', (_p, item) => {
    const h = readImageHeader(corpusFile(item.path));
    expect(h).toEqual({ mime: SIZED[item.format!], width: item.width, height: item.height });
  });

  it.each(mimeOnly.map((i) => [i.path, i] as const))('%s: format is recognised', (_p, item) => {
    expect(readImageHeader(corpusFile(item.path))?.mime).toBe(MIME_ONLY[item.format!]);
  });

  it.skipIf(!existsSync(`${CORPUS}/files/large/sharp_65536-uint32-limit.png`))(
    'the 65536×65536 PNG bomb reports its size from the header, far above the decode limit',
    () => {
      // Only the first 33 bytes are needed: nothing is decoded.
      const head = corpusFile('files/large/sharp_65536-uint32-limit.png').subarray(0, 33);
      const h = readImageHeader(head)!;
      expect(h).toEqual({ mime: 'image/png', width: 65536, height: 65536 });
      expect(h.width! * h.height!).toBeGreaterThan(MAX_DECODE_PIXELS);
    },
  );
});

// Every file of the team's image corpus is classified from its bytes before anything is decoded.
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImageError, prepareImage } from '../../../utils/image/prepare';
import { MAX_DECODE_PIXELS, sniffImage, type Sniffed } from '../../../utils/image/sniff';

const CORPUS = '/work/shared/corpus';
const HAVE = existsSync(`${CORPUS}/manifest.json`) && existsSync(`${CORPUS}/files/files_sources.json`);

interface Item {
  path: string;
  kind: string;
  format?: string;
  width?: number;
  height?: number;
  mode?: string;
  frames?: number;
  exif_orientation?: number;
  decode_error?: string;
}
const manifest: Item[] = HAVE ? (JSON.parse(readFileSync(`${CORPUS}/manifest.json`, 'utf8')) as { items: Item[] }).items : [];
const listed: { path: string }[] = HAVE ? JSON.parse(readFileSync(`${CORPUS}/files/files_sources.json`, 'utf8')) : [];
const bytes = (path: string) => new Uint8Array(readFileSync(`${CORPUS}/${path}`));

const MIME: Record<string, string> = {
  PNG: 'image/png', JPEG: 'image/jpeg', GIF: 'image/gif', WEBP: 'image/webp', BMP: 'image/bmp',
  AVIF: 'image/avif', ICO: 'image/x-icon', JXL: 'image/jxl', SVG: 'image/svg+xml', HEIC: 'image/heic', TIFF: 'image/tiff',
};
/** Broken in a way the header shows: refused before decoding. */
const DAMAGED = [
  'files/corrupt/pngsuite_xs1n0g01.png', // signature byte 1 MSB reset
  'files/corrupt/pngsuite_xcrn0g04.png', // CR/LF mangled
  'files/corrupt/pngsuite_xlfn0g04.png', // LF mangled
  'files/corrupt/pngsuite_xhdn0g08.png', // IHDR CRC
  'files/corrupt/pngsuite_xc1n0g08.png', // colour type 1
  'files/corrupt/pngsuite_xd0n2c08.png', // bit depth 0
  'files/corrupt/isz_invalid_sample.png', // IHDR renamed
  'files/corrupt/sharp_corrupt-header.jpg', // ends inside its EXIF segment
];

/** What the manifest says the verdict must be. */
function expected(item: Item): Partial<Sniffed> {
  const truncated = /truncated/i.test(item.decode_error ?? '') || undefined;
  if (DAMAGED.includes(item.path)) return { verdict: 'damaged', truncated };
  // A malformed SVG still looks like SVG; the page that draws it is what finds out.
  if (item.path === 'files/corrupt/isz_malformed.svg') return { verdict: 'vector', mime: 'image/svg+xml' };
  const mime = MIME[item.format ?? ''];
  if (!mime) throw new Error(`no expectation for ${item.path}`);
  if (item.format === 'SVG') return { verdict: 'vector', mime };
  if (item.format === 'HEIC' || item.format === 'TIFF') return { verdict: 'unsupported', mime };
  const out: Partial<Sniffed> = { mime, verdict: 'decode' };
  if (item.width && item.height) {
    Object.assign(out, { width: item.width, height: item.height });
    if (item.width * item.height > MAX_DECODE_PIXELS) out.verdict = 'too-large';
  }
  // The manifest has no size for its JPEG XL sample; this is the size Chromium decodes it at.
  if (item.format === 'JXL') Object.assign(out, { width: 123, height: 456 });
  if (item.format === 'JPEG') {
    out.orientation = item.exif_orientation;
    out.cmyk = item.mode === 'CMYK' || undefined;
  }
  out.animated = (item.frames ?? 1) > 1 || undefined;
  out.truncated = truncated;
  return out;
}

describe.skipIf(!HAVE)('sniffImage over /work/shared/corpus/files', () => {
  it('the manifest describes every listed file, and there are many', () => {
    const described = new Set(manifest.map((i) => i.path));
    const files = listed.map((f) => f.path).filter((p) => !p.endsWith('.json'));
    expect(files.length).toBeGreaterThan(60);
    expect(files.filter((p) => !described.has(p))).toEqual([]);
  });

  const items = manifest.filter((i) => i.path.startsWith('files/') && existsSync(`${CORPUS}/${i.path}`));
  it.each(items.map((i) => [i.path, i] as const))('%s', (_p, item) => {
    const got = sniffImage(bytes(item.path));
    const { animated, cmyk, truncated, orientation, ...core } = expected(item);
    expect(got).toMatchObject(core);
    const flags = { animated, cmyk, truncated, ...(item.format === 'JPEG' ? { orientation } : {}) };
    for (const [flag, want] of Object.entries(flags)) expect(got[flag as keyof Sniffed], flag).toBe(want);
    if (got.verdict === 'damaged' || got.verdict === 'unsupported') expect(got.reason).toMatch(/\w{4}/);
  });

  it('every verdict occurs, so none of the branches is dead', () => {
    const verdicts = new Set(items.map((i) => sniffImage(bytes(i.path)).verdict));
    expect([...verdicts].sort()).toEqual(['damaged', 'decode', 'too-large', 'unsupported', 'vector']);
    expect(sniffImage(new TextEncoder().encode('<!doctype html><p>403')).verdict).toBe('unknown');
  });
});

describe.skipIf(!HAVE)('decompression bombs are refused before anything is decoded', () => {
  const BOMBS = [
    ['files/large/sharp_65536-uint32-limit.png', 65536, 65536],
    ['files/large/sharp_giant-image.jpg', 20000, 14000],
  ] as const;
  const decode = vi.fn(async () => {
    throw new Error('createImageBitmap must not be called');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    decode.mockClear();
  });

  it.each(BOMBS)('%s: the first 4 KB are enough to see %i×%i', (path, w, h) => {
    const head = bytes(path).subarray(0, 4096);
    expect(sniffImage(head)).toMatchObject({ verdict: 'too-large', width: w, height: h });
  });

  it.each(BOMBS)('%s: prepareImage refuses it, naming the size, without calling the decoder', async (path, w, h) => {
    vi.stubGlobal('createImageBitmap', decode);
    const err = await prepareImage(bytes(path), 'image/jpeg').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImageError);
    expect((err as Error).message).toContain(`${w}×${h}`);
    expect(decode).not.toHaveBeenCalled();
  });

  it('a damaged PNG is refused without decoding, saying what is wrong', async () => {
    vi.stubGlobal('createImageBitmap', decode);
    await expect(prepareImage(bytes('files/corrupt/pngsuite_xhdn0g08.png'), 'image/png')).rejects.toThrow(/damaged.*checksum/);
    expect(decode).not.toHaveBeenCalled();
  });

  it('HEIC and TIFF are named, not called corrupt', async () => {
    vi.stubGlobal('createImageBitmap', decode);
    await expect(prepareImage(bytes('files/formats/isz_sample.heic'), 'image/heic')).rejects.toThrow(/HEIC/);
    await expect(prepareImage(bytes('files/formats/isz_little-endian.tiff'), 'image/tiff')).rejects.toThrow(/TIFF/);
    expect(decode).not.toHaveBeenCalled();
  });
});

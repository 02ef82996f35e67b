import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOCUMENT_QUALITY, PHOTO_QUALITY } from '../../../utils/image/encode-policy';
import { ImageError, prepareForSend, prepareImage } from '../../../utils/image/prepare';
import { makePng } from '../../support/png';
import { jpegHeader } from '../../support/jpeg-tables';

// Only the refusals that happen before any decoding: Node has no createImageBitmap/OffscreenCanvas.
const BOMB = '/work/shared/corpus/files/large/sharp_65536-uint32-limit.png';
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/images/${name}`, import.meta.url)));

/** A PNG signature and IHDR claiming `w`×`h`; no pixel data. */
function pngHeader(w: number, h: number): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, w);
  new DataView(b.buffer).setUint32(20, h);
  return b;
}

describe('prepareImage refuses before decoding', () => {
  it.skipIf(!existsSync(BOMB))('the 65536×65536 PNG bomb from the corpus, naming its size', async () => {
    const bytes = new Uint8Array(readFileSync(BOMB));
    await expect(prepareImage(bytes, 'image/png')).rejects.toThrow(ImageError);
    await expect(prepareImage(bytes, 'image/png')).rejects.toThrow(/65536×65536/);
  });

  it('a header that claims more than 100 MP', async () => {
    await expect(prepareImage(pngHeader(20000, 14000), 'image/png')).rejects.toThrow(/20000×14000 pixels \(280 MP\)/);
  });

  it('SVG, whatever type the page declared', async () => {
    await expect(prepareImage(fixture('isz_viewbox.svg'), 'image/png')).rejects.toThrow(/SVG images cannot be decoded/);
  });

  it('a format the sniffer does not know, even declared as an image, is refused without decoding', async () => {
    let decodes = 0;
    vi.stubGlobal('createImageBitmap', async () => (decodes++, { width: 100_000, height: 100_000, close() {} }));
    // QOI: a real image format no browser decodes, whose header the sniffer does not read.
    const qoi = new Uint8Array([...new TextEncoder().encode('qoif'), 0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0, 4, 0, ...new Array(64).fill(0)]);
    await expect(prepareImage(qoi, 'image/qoi')).rejects.toThrow(/does not recognise this image’s format \(sent as image\/qoi\).*Capture a region/);
    await expect(prepareImage(qoi, 'image/png')).rejects.toThrow(ImageError);
    expect(decodes).toBe(0);
    vi.unstubAllGlobals();
  });

  it('bytes that are not an image and were not declared as one', async () => {
    const html = new TextEncoder().encode('<!doctype html><title>403 Forbidden</title>');
    await expect(prepareImage(html, 'text/html')).rejects.toThrow(/not an image Glimpse can read/);
  });
});

/** `length` bytes of JPEG: a frame header claiming `w`×`h`, padding, an end marker; nothing decodes it here. */
function jpegFile(w: number, h: number, length: number): Uint8Array {
  const b = new Uint8Array(length);
  b.set([0xff, 0xd8, 0xff, 0xc0, 0, 17, 8, h >> 8, h & 255, w >> 8, w & 255, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  b.set([0xff, 0xd9], length - 2);
  return b;
}

/** A JPEG stored `w`×`h` whose EXIF says `orientation`: SOI, a minimal big-endian EXIF APP1, then a frame header. */
function turnedJpeg(w: number, h: number, orientation: number): Uint8Array {
  const app1 = [0xff, 0xe1, 0, 34, ...[...'Exif'].map((c) => c.charCodeAt(0)), 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const rest = jpegFile(w, h, 100_000);
  const b = new Uint8Array(2 + app1.length + rest.length - 2);
  b.set([0xff, 0xd8]);
  b.set(app1, 2);
  b.set(rest.subarray(2), 2 + app1.length);
  return b;
}

/**
 * Node has no decoder or canvas: stand-ins where the decoded image is `w`×`h`, the content sample is
 * `pixel` everywhere, and an encode yields `sizes[type]` bytes (zeros). Decoding such an encode gives an
 * image whose pixels are `reencoded` (the original's by default). Records every encode.
 */
function fakeCanvas(w: number, h: number, pixel: number[], sizes: Record<string, number>, reencoded = pixel) {
  const calls = { blob: [] as ImageEncodeOptions[], smoothing: [] as string[], fills: 0, closed: 0, decodes: 0 };
  vi.stubGlobal('createImageBitmap', async (src: Blob) => {
    // Our own encodes are zeros; a real file starts with its signature.
    const ours = src instanceof Blob && new Uint8Array(await src.slice(0, 1).arrayBuffer())[0] === 0;
    if (!ours) calls.decodes++;
    return { width: w, height: h, close: () => (ours ? undefined : calls.closed++), px: ours ? reencoded : pixel };
  });
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      px = pixel;
      constructor(readonly width: number, readonly height: number) {}
      getContext() {
        const { width, height } = this;
        const canvas = this;
        return {
          fillRect: () => calls.fills++,
          drawImage(src: { px?: number[] }) {
            canvas.px = src.px ?? pixel;
          },
          set fillStyle(_v: string) {},
          set imageSmoothingQuality(v: string) {
            calls.smoothing.push(v);
          },
          getImageData: () => ({ data: new Uint8ClampedArray(width * height * 4).map((_, i) => canvas.px[i % 4]!) }),
        };
      }
      async convertToBlob(o: ImageEncodeOptions) {
        calls.blob.push(o);
        return new Blob([new Uint8Array(sizes[o.type ?? 'image/png'] ?? 10)]);
      }
    },
  );
  return calls;
}

const PHOTO_PIXEL = [30, 120, 200, 255];
const PAPER_PIXEL = [240, 238, 232, 255];
const keep = (s: { width: number; height: number }) => s;

describe('prepareForSend encodes for the content', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a photo that fits is re-encoded as JPEG at the photo quality when that clearly saves bytes and keeps the floor', async () => {
    const input = jpegFile(640, 480, 100_000);
    const calls = fakeCanvas(640, 480, PHOTO_PIXEL, { 'image/jpeg': 25_000 });
    const { image, content } = await prepareForSend(input, 'image/jpeg', keep);
    expect(content).toBe('photo');
    expect(image).toMatchObject({ mime: 'image/jpeg', width: 640, height: 480 });
    expect(image.bytes.length).toBe(25_000);
    expect(calls.blob).toEqual([{ type: 'image/jpeg', quality: PHOTO_QUALITY }]);
    expect(calls.fills).toBe(0); // a JPEG has no alpha to flatten
    expect(image.notes).toEqual([`Sent as a 98 KB photo re-encoded to 24 KB (JPEG quality ${PHOTO_QUALITY * 100}).`]);
  });

  it('keeps the original photo when the re-encode would not save 30 %', async () => {
    const input = jpegFile(640, 480, 20_000);
    fakeCanvas(640, 480, PHOTO_PIXEL, { 'image/jpeg': 14_500 }); // saves 27.5 %
    const { image } = await prepareForSend(input, 'image/jpeg', keep);
    expect(image.bytes).toBe(input);
    expect(image.mime).toBe('image/jpeg');
  });

  it('keeps the original photo when the smaller re-encode would fall under the SSIM floor', async () => {
    const input = jpegFile(640, 480, 100_000);
    // Every 8×8 window of the re-encode is uniform and darker: SSIM well under 0.95.
    fakeCanvas(640, 480, PHOTO_PIXEL, { 'image/jpeg': 25_000 }, [10, 60, 100, 255]);
    const { image } = await prepareForSend(input, 'image/jpeg', keep);
    expect(image.bytes).toBe(input);
    expect(image.notes).toEqual([]);
  });

  it('a scanned page is sent as it is when it fits, and as high-quality JPEG when downscaled', async () => {
    const input = jpegFile(800, 1400, 100_000);
    const calls = fakeCanvas(800, 1400, PAPER_PIXEL, { 'image/jpeg': 25_000 });
    const kept = await prepareForSend(input, 'image/jpeg', keep);
    expect(kept.content).toBe('document');
    expect(kept.image.bytes).toBe(input);
    expect(calls.blob).toEqual([]);
    const scaled = await prepareForSend(input, 'image/jpeg', () => ({ width: 400, height: 700 }));
    expect(scaled.image).toMatchObject({ mime: 'image/jpeg', width: 400, height: 700 });
    expect(calls.blob).toEqual([{ type: 'image/jpeg', quality: DOCUMENT_QUALITY }]);
    expect(calls.smoothing).toContain('low'); // half size: bilinear is enough
  });

  it('a PNG stays PNG (sharp edges), with mipmapped filtering for a large reduction', async () => {
    const png = new Uint8Array(makePng(4000, 3000, () => [0, 0, 0]));
    const calls = fakeCanvas(4000, 3000, PHOTO_PIXEL, { 'image/png': 500_000 });
    const { image, content } = await prepareForSend(png, 'image/png', () => ({ width: 1024, height: 768 }));
    expect(content).toBe('graphic');
    expect(image.mime).toBe('image/png');
    expect(calls.blob).toEqual([{ type: 'image/png' }]);
    expect(calls.smoothing).toEqual(['medium']);
  });

  it('the thumbnail is made only when asked for, and then frees the decoded image', async () => {
    const photo = fakeCanvas(640, 480, PHOTO_PIXEL, { 'image/jpeg': 25_000 });
    const p = await prepareForSend(jpegFile(640, 480, 100_000), 'image/jpeg', keep);
    expect(photo.blob).toHaveLength(1);
    expect(photo.closed).toBe(0);
    expect(await p.thumb()).toMatch(/^data:image\/jpeg;base64,/);
    expect(photo.blob).toHaveLength(2);
    expect(photo.closed).toBe(1);
    const scan = fakeCanvas(800, 1400, PAPER_PIXEL, {});
    const d = await prepareForSend(jpegFile(800, 1400, 100_000), 'image/jpeg', keep);
    expect(scan.closed).toBe(0);
    await d.thumb();
    expect(scan.closed).toBe(1);
  });
});

/** `length` bytes of JPEG saved at IJG quality `q` with luma sampling `ySampling` (0x22: 4:2:0, 0x11: 4:4:4). */
function savedAt(w: number, h: number, q: number, ySampling: number, length = 100_000): Uint8Array {
  const head = jpegHeader(w, h, q, ySampling);
  const b = new Uint8Array(length);
  b.set(head.subarray(0, head.length - 2));
  b.set([0xff, 0xd9], length - 2);
  return b;
}

describe('prepareForSend sends what already fits without decoding it, when no re-encode could pay', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a 4:2:0 JPEG at quality 75 or 90 that fits: the original, undecoded; the thumbnail decodes it later, once', async () => {
    for (const q of [75, 90]) {
      const calls = fakeCanvas(1920, 1080, PHOTO_PIXEL, { 'image/jpeg': 25_000 });
      const input = savedAt(1920, 1080, q, 0x22);
      const p = await prepareForSend(input, 'image/jpeg', keep);
      expect(p.image).toMatchObject({ mime: 'image/jpeg', width: 1920, height: 1080, notes: [], original: { width: 1920, height: 1080 } });
      expect(p.image.bytes).toBe(input);
      expect([calls.decodes, calls.blob.length]).toEqual([0, 0]);
      expect(await p.thumb()).toMatch(/^data:image\/jpeg;base64,/);
      expect([calls.decodes, calls.closed]).toEqual([1, 1]);
    }
  });

  it('a PNG that fits: the original, undecoded (a lossless file is never re-encoded)', async () => {
    const calls = fakeCanvas(800, 600, PHOTO_PIXEL, {});
    const png = new Uint8Array(makePng(800, 600, () => [0, 0, 0]));
    const p = await prepareForSend(png, 'image/png', keep);
    expect(p.image.bytes).toBe(png);
    expect(p.content).toBe('graphic');
    expect(calls.decodes).toBe(0);
  });

  it('decoded and tried as before: full colour (4:4:4), a quality above 90, an unknown quality, or an image that must shrink', async () => {
    for (const [input, target] of [
      [savedAt(640, 480, 90, 0x11), keep],
      [savedAt(640, 480, 96, 0x22), keep],
      [jpegFile(640, 480, 100_000), keep],
      [savedAt(1920, 1080, 75, 0x22), () => ({ width: 1365, height: 768 })],
    ] as const) {
      const calls = fakeCanvas(640, 480, PHOTO_PIXEL, { 'image/jpeg': 25_000 });
      await prepareForSend(input, 'image/jpeg', target);
      expect(calls.decodes).toBe(1);
      expect(calls.blob).toHaveLength(1);
    }
  });
});

describe('prepareForSend decodes a large JPEG at reduced size when it can', () => {
  afterEach(() => vi.unstubAllGlobals());
  const toXga = () => ({ width: 1024, height: 768 });
  /** A decoder at reduced size that answers with a bitmap of `got` (or of what was asked). */
  const scaled = (got?: { width: number; height: number }) => {
    const asked: { width: number; height: number }[] = [];
    let closed = 0;
    const decodeAt = vi.fn(async (_b: Uint8Array, _m: string, size: { width: number; height: number }, _o: number) => {
      asked.push(size);
      return { ...(got ?? size), close: () => closed++ } as unknown as ImageBitmap;
    });
    return { decodeAt, asked, closed: () => closed };
  };

  it('asks for the smallest fast eighth that covers the target, uses it, and reports the size the photo had', async () => {
    const calls = fakeCanvas(4000, 3000, PHOTO_PIXEL, { 'image/jpeg': 90_000 });
    const d = scaled();
    const p = await prepareForSend(jpegFile(4000, 3000, 2_000_000), 'image/jpeg', toXga, d.decodeAt);
    expect(d.asked).toEqual([{ width: 2000, height: 1500 }]);
    expect(calls.decodes).toBe(0); // no full decode
    expect(calls.smoothing).toEqual(['low']); // 2000 → 1024 is above half size
    expect(p.image).toMatchObject({ width: 1024, height: 768, original: { width: 4000, height: 3000 } });
    expect(p.image.notes.join(' ')).toContain('4000×3000');
    await p.thumb();
    expect(d.closed()).toBe(1);
  });

  it('a turned phone photo (EXIF 6, stored 3000×4000): asks for the upright eighth and reports the upright size', async () => {
    const calls = fakeCanvas(4000, 3000, PHOTO_PIXEL, { 'image/jpeg': 90_000 });
    const d = scaled();
    const p = await prepareForSend(turnedJpeg(3000, 4000, 6), 'image/jpeg', toXga, d.decodeAt);
    expect(d.asked).toEqual([{ width: 2000, height: 1500 }]);
    expect(d.decodeAt.mock.calls[0]![3]).toBe(6);
    expect(calls.decodes).toBe(0);
    expect(p.image).toMatchObject({ width: 1024, height: 768, original: { width: 4000, height: 3000 } });
  });

  it('a decoder that did not turn it (the shape shows it) is not trusted: decoded in full', async () => {
    const calls = fakeCanvas(4000, 3000, PHOTO_PIXEL, { 'image/jpeg': 90_000 });
    const d = scaled({ width: 1500, height: 2000 });
    const p = await prepareForSend(turnedJpeg(3000, 4000, 6), 'image/jpeg', toXga, d.decodeAt);
    expect(calls.decodes).toBe(1);
    expect(d.closed()).toBe(1);
    expect(p.image).toMatchObject({ width: 1024, height: 768 });
  });

  it('decodes in full when the decoder cannot, fails, or answers with a size smaller than the target', async () => {
    for (const decodeAt of [
      vi.fn(async () => undefined),
      vi.fn(async () => Promise.reject(new Error('no decoder'))),
      scaled({ width: 1000, height: 750 }).decodeAt, // smaller than the 1024×768 asked for
    ]) {
      const calls = fakeCanvas(4000, 3000, PHOTO_PIXEL, { 'image/jpeg': 90_000 });
      const p = await prepareForSend(jpegFile(4000, 3000, 2_000_000), 'image/jpeg', toXga, decodeAt);
      expect(decodeAt).toHaveBeenCalledTimes(1);
      expect(calls.decodes).toBe(1);
      expect(calls.smoothing).toEqual(['medium']);
      expect(p.image).toMatchObject({ width: 1024, height: 768 });
    }
  });

  it('is not asked for a JPEG sent at its own size, nor for a PNG', async () => {
    const d = scaled();
    fakeCanvas(640, 480, PHOTO_PIXEL, { 'image/jpeg': 25_000 });
    await prepareForSend(jpegFile(640, 480, 100_000), 'image/jpeg', keep, d.decodeAt);
    fakeCanvas(4000, 3000, PHOTO_PIXEL, { 'image/png': 500_000 });
    await prepareForSend(new Uint8Array(makePng(4000, 3000, () => [0, 0, 0])), 'image/png', toXga, d.decodeAt);
    expect(d.decodeAt).not.toHaveBeenCalled();
  });
});

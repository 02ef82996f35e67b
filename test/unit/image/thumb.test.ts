import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeThumb, MAX_SVG_THUMB, THUMB_EDGE } from '../../../utils/image/thumb';
import { makePng } from '../../support/png';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/images/${name}`, import.meta.url)));

/** A whole, valid-looking PNG whose header claims `w`×`h` (its pixel data is for 8×8: nothing decodes it). */
function claimsSize(w: number, h: number): Uint8Array {
  const b = new Uint8Array(makePng(8, 8, () => [0, 0, 0]));
  const view = new DataView(b.buffer);
  view.setUint32(16, w);
  view.setUint32(20, h);
  view.setUint32(29, crc32(b.subarray(12, 29)));
  return b;
}

/** Node has no decoder or canvas: stand-ins that record what the thumbnail asked for. */
function fakeCanvas() {
  const calls = { bitmap: [] as ImageBitmapOptions[], canvas: [] as [number, number][], blob: [] as ImageEncodeOptions[] };
  vi.stubGlobal('createImageBitmap', async (_b: Blob, o: ImageBitmapOptions) => {
    calls.bitmap.push(o);
    return { width: o.resizeWidth ?? 1200, height: o.resizeHeight ?? 800, close() {} };
  });
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      constructor(w: number, h: number) {
        calls.canvas.push([w, h]);
      }
      getContext() {
        return { fillRect() {}, drawImage() {}, set fillStyle(_v: string) {}, set imageSmoothingQuality(_v: string) {} };
      }
      async convertToBlob(o: ImageEncodeOptions) {
        calls.blob.push(o);
        return new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])]);
      }
    },
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe('makeThumb', () => {
  it('decodes straight to at most 96 px and encodes a JPEG data URL', async () => {
    const calls = fakeCanvas();
    const thumb = await makeThumb(new Uint8Array(makePng(1200, 800, () => [200, 100, 0])), 'image/png');
    expect(thumb).toBe('data:image/jpeg;base64,/9j/2Q==');
    expect(calls.bitmap[0]).toMatchObject({ resizeWidth: THUMB_EDGE, resizeHeight: 64 });
    expect(calls.canvas).toEqual([[96, 64]]);
    expect(calls.blob[0]).toMatchObject({ type: 'image/jpeg' });
  });

  it('a JPEG turned by EXIF is decoded whole, then fitted (the turn is applied first)', async () => {
    const calls = fakeCanvas();
    expect(await makeThumb(fixture('isz_1x2-flipped-big-endian.jpg'), 'image/jpeg')).toMatch(/^data:image\/jpeg;base64,/);
    expect(calls.bitmap[0]).toEqual({ imageOrientation: 'from-image' });
    expect(calls.canvas).toEqual([[96, 64]]);
  });

  it('a small SVG is its own thumbnail; a large one gets none', async () => {
    const svg = fixture('isz_viewbox.svg');
    expect(await makeThumb(svg, 'image/svg+xml')).toBe(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
    const big = new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg">${' '.repeat(MAX_SVG_THUMB)}</svg>`);
    expect(await makeThumb(big, 'image/svg+xml')).toBeUndefined();
  });

  it('nothing for what is no image, too big to decode, or fails to decode', async () => {
    const calls = fakeCanvas();
    expect(await makeThumb(new TextEncoder().encode('<!doctype html><p>404'), 'text/html')).toBeUndefined();
    // Declared an image, but a format the sniffer cannot size: not handed to a decoder.
    expect(await makeThumb(new TextEncoder().encode('qoif\0\x01\x86\xa0\0\x01\x86\xa0\x04\0'), 'image/png')).toBeUndefined();
    expect(await makeThumb(claimsSize(9000, 9000), 'image/png')).toBeUndefined(); // 81 MP: too much for a thumbnail
    expect(await makeThumb(claimsSize(6000, 4000), 'image/png')).toMatch(/^data:image\/jpeg/); // a 24 MP photo is fine
    expect(calls.bitmap).toEqual([{ imageOrientation: 'from-image', resizeWidth: 96, resizeHeight: 64, resizeQuality: 'medium' }]);
    vi.stubGlobal('createImageBitmap', () => Promise.reject(new DOMException('bad', 'InvalidStateError')));
    expect(await makeThumb(new Uint8Array(makePng(10, 10, () => [0, 0, 0])), 'image/png')).toBeUndefined();
  });
});

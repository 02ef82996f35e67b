import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  classify,
  DOCUMENT_QUALITY,
  encodePlan,
  isLossySource,
  keepOriginal,
  looksLikeDocument,
  MIN_SAVING,
  PHOTO_QUALITY,
  savesEnough,
  smoothingFor,
  SSIM_FLOOR,
} from '../../../utils/image/encode-policy';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/images/${name}`, import.meta.url)));

/** An RGBA sample of n pixels, `share` of them `a` and the rest `b`. */
function sample(n: number, share: number, a: number[], b: number[]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) out.set([...(i < n * share ? a : b), 255], i * 4);
  return out;
}
const PAPER = [240, 238, 232];
const INK = [40, 40, 45];

/** A RIFF/WEBP file whose first chunk is `fourcc` (a VP8X header chunk first when `extended`). */
function webp(fourcc: string, extended = false): Uint8Array {
  const chunk = (cc: string, len: number) => [...cc].map((c) => c.charCodeAt(0)).concat([len, 0, 0, 0], Array(len).fill(0));
  const body = [...(extended ? chunk('VP8X', 10) : []), ...chunk(fourcc, 4)];
  return new Uint8Array([...'RIFF'].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 0], [...'WEBP'].map((c) => c.charCodeAt(0)), body));
}

describe('encoding policy', () => {
  it('photos become JPEG at the photo quality, scans high-quality JPEG, everything else PNG', () => {
    expect(encodePlan(classify(true, false))).toEqual({ mime: 'image/jpeg', quality: PHOTO_QUALITY });
    expect(encodePlan(classify(true, true))).toEqual({ mime: 'image/jpeg', quality: DOCUMENT_QUALITY });
    expect(encodePlan(classify(false, false))).toEqual({ mime: 'image/png' });
    // A screenshot of a page is sharp-edged whatever it shows: PNG.
    expect(encodePlan(classify(false, true))).toEqual({ mime: 'image/png' });
  });

  it('tells lossy files from lossless ones by their bytes', () => {
    expect(isLossySource(new Uint8Array(), 'image/jpeg')).toBe(true);
    expect(isLossySource(new Uint8Array(), 'image/avif')).toBe(true);
    expect(isLossySource(new Uint8Array(), 'image/png')).toBe(false);
    expect(isLossySource(new Uint8Array(), 'image/gif')).toBe(false);
    expect(isLossySource(webp('VP8 '), 'image/webp')).toBe(true);
    expect(isLossySource(webp('VP8L'), 'image/webp')).toBe(false);
    expect(isLossySource(webp('VP8 ', true), 'image/webp')).toBe(true); // after a VP8X header chunk
    expect(isLossySource(webp('VP8L', true), 'image/webp')).toBe(false);
    expect(isLossySource(fixture('isz_lossy.webp'), 'image/webp')).toBe(true);
  });

  it('a page of text is a document; a photo, even a grey or bright one, is not', () => {
    expect(looksLikeDocument(sample(1024, 0.9, PAPER, INK))).toBe(true);
    expect(looksLikeDocument(sample(1024, 0.6, PAPER, [120, 120, 125]))).toBe(false); // hazy grey landscape
    expect(looksLikeDocument(sample(1024, 0.9, PAPER, [200, 40, 40]))).toBe(true); // a red stamp on a receipt
    expect(looksLikeDocument(sample(1024, 0.8, [250, 220, 120], INK))).toBe(false); // yellow, not paper
    expect(looksLikeDocument(sample(1024, 0.75, PAPER, [30, 120, 200]))).toBe(false); // too much colour
    expect(looksLikeDocument(new Uint8ClampedArray(0))).toBe(false);
  });

  it('keeps the original unless a photo re-encode saves 30 % and keeps SSIM 0.95; never sends anything bigger', () => {
    expect(keepOriginal('photo', 100_000, 25_000, 0.97)).toBe(false);
    expect(keepOriginal('photo', 100_000, 70_000, 0.95)).toBe(false); // exactly 30 % at exactly the floor
    expect(keepOriginal('photo', 100_000, 71_000, 0.99)).toBe(true); // saves too little for any loss
    expect(keepOriginal('photo', 100_000, 25_000, 0.949)).toBe(true); // under the floor
    expect(keepOriginal('photo', 100_000, 25_000)).toBe(true); // not measured: never sent
    expect(keepOriginal('photo', 100_000, 120_000, 1)).toBe(true);
    expect(keepOriginal('document', 100_000, 25_000, 0.99)).toBe(true);
    expect(keepOriginal('graphic', 100_000, 25_000, 0.99)).toBe(true);
    expect(keepOriginal('photo', 100_000)).toBe(true);
    expect(savesEnough(100_000, 70_000)).toBe(true);
    expect(savesEnough(100_000, 70_001)).toBe(false);
    expect([MIN_SAVING, SSIM_FLOOR]).toEqual([0.3, 0.95]);
  });

  it('bilinear down to half size, mipmapped filtering below', () => {
    expect(smoothingFor({ width: 1920, height: 1080 }, { width: 1365, height: 768 })).toBe('low');
    expect(smoothingFor({ width: 2000, height: 1000 }, { width: 1000, height: 500 })).toBe('low');
    expect(smoothingFor({ width: 4000, height: 3000 }, { width: 1024, height: 768 })).toBe('medium');
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ImageError, prepareImage } from '../../../utils/image/prepare';

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

  it('bytes that are not an image and were not declared as one', async () => {
    const html = new TextEncoder().encode('<!doctype html><title>403 Forbidden</title>');
    await expect(prepareImage(html, 'text/html')).rejects.toThrow(/not an image Glimpse can read/);
  });
});

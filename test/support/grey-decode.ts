// Decodes a JPEG file in headless Chromium to the grey copy the extension measures (utils/image/layout.ts):
// Node has no JPEG decoder, and Chromium's is the one the extension uses.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { GREY_EDGE, toGrey, type Grey } from '../../utils/image/content-crop';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

export interface Decoded {
  grey: Grey;
  /** The grey copy's size over the original's. */
  scale: number;
  width: number;
  height: number;
}

export async function greyDecoder(): Promise<{ decode: (file: string) => Promise<Decoded>; close: () => Promise<void> }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  const page = await browser.newPage();
  const decode = async (file: string): Promise<Decoded> => {
    const got = await page.evaluate(
      async ({ b64, edge }) => {
        const bin = atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
        const scale = Math.min(1, edge / Math.max(bmp.width, bmp.height));
        const [w, h] = [Math.max(1, Math.round(bmp.width * scale)), Math.max(1, Math.round(bmp.height * scale))];
        // Resized by the decoder, as layout.ts does.
        const small = await createImageBitmap(bmp, { resizeWidth: w, resizeHeight: h, resizeQuality: 'medium' });
        const ctx = new OffscreenCanvas(w, h).getContext('2d')!;
        ctx.drawImage(small, 0, 0);
        const rgba = ctx.getImageData(0, 0, w, h).data;
        let out = '';
        for (let i = 0; i < rgba.length; i += 0x8000) out += String.fromCharCode(...rgba.subarray(i, i + 0x8000));
        return { rgba: btoa(out), w, h, width: bmp.width, height: bmp.height };
      },
      { b64: readFileSync(file).toString('base64'), edge: GREY_EDGE },
    );
    return { grey: toGrey(Buffer.from(got.rgba, 'base64'), got.w, got.h), scale: got.w / got.width, width: got.width, height: got.height };
  };
  return { decode, close: () => browser.close() };
}

import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { contentBox, GREY_EDGE, lineHeight, scaleRect, toGrey, type Grey } from '../../../utils/image/content-crop';
import { boxes, hasSroie, inside, median, SROIE, sroieNames } from '../../support/sroie';

/*
 * The content crop is pure maths on a grey copy; Chromium only decodes the scans (Node has no JPEG
 * decoder) at GREY_EDGE, as prepare.ts does in the extension. Skipped without Chromium or the corpus.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

describe.skipIf(!existsSync(CHROMIUM) || !hasSroie())('content crop on the SROIE receipts', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    page = await browser.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** The scan decoded and drawn with its long edge at GREY_EDGE (never enlarged), as RGBA. */
  async function greyOf(name: string): Promise<{ grey: Grey; scale: number; width: number; height: number }> {
    const b64 = readFileSync(`${SROIE}/${name}.jpg`).toString('base64');
    const got = await page.evaluate(
      async ({ b64, edge }) => {
        const bin = atob(b64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const bmp = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
        const scale = Math.min(1, edge / Math.max(bmp.width, bmp.height));
        const [w, h] = [Math.round(bmp.width * scale), Math.round(bmp.height * scale)];
        // Resized by the decoder, as prepare.ts does: drawing 35 MP onto a small canvas is far slower.
        const small = await createImageBitmap(bmp, { resizeWidth: w, resizeHeight: h, resizeQuality: 'medium' });
        const ctx = new OffscreenCanvas(w, h).getContext('2d')!;
        ctx.drawImage(small, 0, 0);
        const rgba = ctx.getImageData(0, 0, w, h).data;
        let out = '';
        for (let i = 0; i < rgba.length; i += 0x8000) out += String.fromCharCode(...rgba.subarray(i, i + 0x8000));
        return { rgba: btoa(out), w, h, width: bmp.width, height: bmp.height };
      },
      { b64, edge: GREY_EDGE },
    );
    return { grey: toGrey(Buffer.from(got.rgba, 'base64'), got.w, got.h), scale: got.w / got.width, width: got.width, height: got.height };
  }

  it.each(sroieNames())('%s: the crop holds every OCR box, and the line height is close to the OCR lines', async (name) => {
    const { grey, scale, width, height } = await greyOf(name);
    const box = contentBox(grey);
    const crop = scaleRect(box, scale, { width, height });
    const bs = boxes(name);
    const outside = bs.filter((b) => !inside(b, crop));
    expect(outside.map((b) => b.text)).toEqual([]);
    const line = lineHeight(grey, box);
    const ocr = median(bs.map((b) => b.y1 - b.y0));
    // Ink runs sit under OCR line boxes (0.3–1: faint or dotted print breaks a line into thinner runs); an estimate on the small side only tiles sooner.
    expect(line! / scale).toBeGreaterThan(0.3 * ocr);
    expect(line! / scale).toBeLessThan(1.5 * ocr);
    console.log(`${name} ${width}×${height}: crop ${crop.width}×${crop.height} at (${crop.x}, ${crop.y}) = ${Math.round((100 * crop.width * crop.height) / (width * height))} %; ink line ${(line! / scale).toFixed(1)} px, OCR line ${ocr} px`);
  }, 90_000);

  it('sroie_301: the crop cuts the blank scan bed away', async () => {
    const { grey, scale, width, height } = await greyOf('sroie_301');
    const crop = scaleRect(contentBox(grey), scale, { width, height });
    // The print is 1425×3144 of 4961×7016 (13 %); the crop keeps margins, but not the bed.
    expect(crop.width * crop.height).toBeLessThan(0.3 * width * height);
  }, 90_000);
});

import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentBox, lineHeight, scaleRect } from '../../../utils/image/content-crop';
import { CHROMIUM, greyDecoder } from '../../support/grey-decode';
import { boxes, hasSroie, inside, median, SROIE, sroieNames } from '../../support/sroie';

/*
 * The content crop is pure maths on a grey copy; Chromium only decodes the scans (Node has no JPEG
 * decoder) at GREY_EDGE, as prepare.ts does in the extension. Skipped without Chromium or the corpus.
 */

describe.skipIf(!existsSync(CHROMIUM) || !hasSroie())('content crop on the SROIE receipts', () => {
  let decoder: Awaited<ReturnType<typeof greyDecoder>>;
  beforeAll(async () => {
    decoder = await greyDecoder();
  }, 60_000);
  afterAll(async () => {
    await decoder?.close();
  });
  const greyOf = (name: string) => decoder.decode(`${SROIE}/${name}.jpg`);
  /** The line height estimate over the median OCR line box, per receipt. */
  const ratios = new Map<string, number>();

  it.each(sroieNames())('%s: the crop holds every OCR box, and the line height is close to the OCR lines', async (name) => {
    const { grey, scale, width, height } = await greyOf(name);
    const box = contentBox(grey);
    const crop = scaleRect(box, scale, { width, height });
    const bs = boxes(name);
    const outside = bs.filter((b) => !inside(b, crop));
    expect(outside.map((b) => b.text)).toEqual([]);
    const line = lineHeight(grey, box);
    const ocr = median(bs.map((b) => b.y1 - b.y0));
    ratios.set(name, line! / scale / ocr);
    // Ink runs sit under OCR line boxes (0.3–1: faint or dotted print breaks a line into thinner runs); an estimate on the small side only tiles sooner.
    expect(line! / scale).toBeGreaterThan(0.3 * ocr);
    expect(line! / scale).toBeLessThan(1.5 * ocr);
    console.log(`${name} ${width}×${height}: crop ${crop.width}×${crop.height} at (${crop.x}, ${crop.y}) = ${Math.round((100 * crop.width * crop.height) / (width * height))} %; ink line ${(line! / scale).toFixed(1)} px, OCR line ${ocr} px`);
  }, 90_000);

  it('across the 10 receipts the estimate stays under the OCR lines, typically at 0.8 of them, and far under on one receipt at most', async () => {
    for (const name of sroieNames().filter((n) => !ratios.has(n))) {
      const { grey, scale } = await greyOf(name);
      ratios.set(name, lineHeight(grey, contentBox(grey))! / scale / median(boxes(name).map((b) => b.y1 - b.y0)));
    }
    const all = [...ratios.values()];
    console.log(`line estimate ÷ OCR line: ${[...ratios].map(([n, r]) => `${n.slice(6)} ${r.toFixed(2)}`).join(', ')}`);
    expect(all).toHaveLength(10);
    // Over the OCR line would send text smaller than the tiler means to; under it only costs tiles sooner.
    expect(Math.max(...all)).toBeLessThan(1);
    expect(median(all)).toBeGreaterThan(0.75);
    // sroie_600's faint dot-matrix print splits each line into thin runs (0.33).
    expect(all.filter((r) => r < 0.55).length).toBeLessThanOrEqual(1);
    // Mean error of the log against the typical 0.85, measured 0.19.
    expect(all.reduce((n, r) => n + Math.abs(Math.log(r / 0.85)), 0) / all.length).toBeLessThan(0.25);
  }, 180_000);

  it('sroie_301: the crop cuts the blank scan bed away', async () => {
    const { grey, scale, width, height } = await greyOf('sroie_301');
    const crop = scaleRect(contentBox(grey), scale, { width, height });
    // The print is 1425×3144 of 4961×7016 (13 %); the crop keeps margins, but not the bed.
    expect(crop.width * crop.height).toBeLessThan(0.3 * width * height);
  }, 90_000);
});

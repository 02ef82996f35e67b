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

import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readJpeg } from '../../../utils/image/sniff-formats';
import { sniffImage } from '../../../utils/image/sniff';
import { jpegHeader } from '../../support/jpeg-tables';

const CORPUS = '/work/shared/corpus';

describe('readJpeg: the quality and colour sampling a JPEG was saved with', () => {
  it.each([30, 50, 75, 85, 90, 95, 99])('libjpeg quality %i is read back from its luminance table', (q) => {
    expect(readJpeg(jpegHeader(640, 480, q)).quality).toBe(q);
  });

  it('very low qualities, whose entries libjpeg clips at 255, still read as very low', () => {
    expect(readJpeg(jpegHeader(640, 480, 10)).quality).toBeLessThanOrEqual(20);
  });

  it('colour at half resolution (luma 2×2 or 2×1) is subsampled; 1×1 is full colour', () => {
    expect(readJpeg(jpegHeader(640, 480, 90, 0x22)).chromaSubsampled).toBe(true);
    expect(readJpeg(jpegHeader(640, 480, 90, 0x21)).chromaSubsampled).toBe(true);
    expect(readJpeg(jpegHeader(640, 480, 90, 0x11)).chromaSubsampled).toBe(false);
  });

  it('no table before the frame header: quality unknown; sniffImage passes both on', () => {
    expect(readJpeg(jpegHeader(640, 480, undefined)).quality).toBeUndefined();
    expect(sniffImage(jpegHeader(640, 480, 75))).toMatchObject({ verdict: 'decode', quality: 75, chromaSubsampled: true });
  });

  // Read off the corpus files with Chromium's re-encode at 0.9 beside them (see encode-policy's reencodeCannotPay).
  it.skipIf(!existsSync(CORPUS))('corpus files: COCO photos at 90 and 96 in full colour, Concadia web images at 75 subsampled, SROIE scans at 99', () => {
    const read = (f: string) => readJpeg(new Uint8Array(readFileSync(`${CORPUS}/${f}`)));
    expect(read('captions/coco/000000255165.jpg')).toMatchObject({ quality: 90, chromaSubsampled: false });
    expect(read('captions/coco/000000460229.jpg')).toMatchObject({ quality: 96, chromaSubsampled: false });
    expect(read('captions/concadia/1426.jpg')).toMatchObject({ quality: 75, chromaSubsampled: true });
    expect(read('receipts/sroie/sroie_600.jpg')).toMatchObject({ quality: 99, chromaSubsampled: true });
  });
});

import { describe, expect, it } from 'vitest';
import { jpegDecodeSize } from '../../../utils/image/decode-scale';
import { targetSize } from '../../../utils/image/vision-rules';

describe('jpegDecodeSize: the smallest M/8 of the stored size that covers the target', () => {
  it.each([
    ['12 MP → OpenAI tiles (1024×768): 4/8, not the slow 3/8', { width: 4000, height: 3000 }, { width: 1024, height: 768 }, { width: 2000, height: 1500 }],
    ['12 MP → 1568 long edge', { width: 4000, height: 3000 }, { width: 1568, height: 1176 }, { width: 2000, height: 1500 }],
    ['24 MP → 1024×683: 2/8', { width: 6000, height: 4000 }, { width: 1024, height: 683 }, { width: 1500, height: 1000 }],
    ['odd sizes round up, as libjpeg does', { width: 4001, height: 3001 }, { width: 1568, height: 1176 }, { width: 2001, height: 1501 }],
    ['a thumbnail-sized target: 1/8', { width: 4000, height: 3000 }, { width: 64, height: 48 }, { width: 500, height: 375 }],
    ['exactly a quarter: 2/8', { width: 4096, height: 3072 }, { width: 1024, height: 768 }, { width: 1024, height: 768 }],
    ['the tighter axis decides', { width: 4000, height: 3000 }, { width: 500, height: 1200 }, { width: 2000, height: 1500 }],
  ])('%s', (_name, stored, out, want) => {
    const got = jpegDecodeSize(stored, out)!;
    expect(got).toEqual(want);
    expect(got.width).toBeGreaterThanOrEqual(out.width);
    expect(got.height).toBeGreaterThanOrEqual(out.height);
  });

  it('none when only a slow eighth or the full size covers the target (1080p → 1365×768 needs 6/8)', () => {
    expect(jpegDecodeSize({ width: 1920, height: 1080 }, { width: 1365, height: 768 })).toBeUndefined();
    expect(jpegDecodeSize({ width: 4000, height: 3000 }, { width: 2048, height: 1536 })).toBeUndefined();
    expect(jpegDecodeSize({ width: 4000, height: 3000 }, { width: 4000, height: 3000 })).toBeUndefined();
  });

  it('always covers the target of every provider rule, for sizes from 100 px to 100 MP', () => {
    for (const provider of ['openai', 'anthropic', 'gemini', 'ollama', 'other'])
      for (let w = 100; w <= 12_000; w += 337)
        for (const h of [w, Math.round(w * 0.75), Math.round(w * 1.9)]) {
          const out = targetSize(provider, 'gpt-4o', { width: w, height: h });
          const at = jpegDecodeSize({ width: w, height: h }, out);
          if (!at) continue;
          expect(at.width).toBeGreaterThanOrEqual(out.width);
          expect(at.height).toBeGreaterThanOrEqual(out.height);
          expect(at.width).toBeLessThan(w);
        }
  });
});

import { describe, expect, it } from 'vitest';
import { jpegDecodeSize } from '../../../utils/image/decode-scale';
import { targetSize } from '../../../utils/image/resize';

describe('jpegDecodeSize: the smallest M/8 of the stored size that covers the target', () => {
  it.each([
    ['12 MP → OpenAI tiles (1024×768)', { width: 4000, height: 3000 }, { width: 1024, height: 768 }, { width: 1500, height: 1125 }],
    ['12 MP → 1568 long edge', { width: 4000, height: 3000 }, { width: 1568, height: 1176 }, { width: 2000, height: 1500 }],
    ['1080p → 1024×576', { width: 1920, height: 1080 }, { width: 1024, height: 576 }, { width: 1200, height: 675 }],
    ['odd sizes round up, as libjpeg does', { width: 4001, height: 3001 }, { width: 1568, height: 1176 }, { width: 2001, height: 1501 }],
    ['a thumbnail-sized target: 1/8', { width: 4000, height: 3000 }, { width: 64, height: 48 }, { width: 500, height: 375 }],
    ['the tighter axis decides (a tall crop of the target)', { width: 4000, height: 3000 }, { width: 500, height: 1200 }, { width: 2000, height: 1500 }],
  ])('%s', (_name, stored, out, want) => {
    const got = jpegDecodeSize(stored, out)!;
    expect(got).toEqual(want);
    expect(got.width).toBeGreaterThanOrEqual(out.width);
    expect(got.height).toBeGreaterThanOrEqual(out.height);
  });

  it('none when only the full size covers the target', () => {
    expect(jpegDecodeSize({ width: 4000, height: 3000 }, { width: 4000, height: 3000 })).toBeUndefined();
    expect(jpegDecodeSize({ width: 4000, height: 3000 }, { width: 3600, height: 2700 })).toBeUndefined();
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

import { describe, expect, it } from 'vitest';
import {
  anthropicSize, fitLongEdge, fitShortEdge, geminiTileSize, GEMINI_KEEP, MAX_LONG_EDGE, openaiPatchSize, openaiTileSize, type Size,
} from '../../../utils/image/resize';
import { targetSize } from '../../../utils/image/vision-rules';

/** Deterministic sizes: edge cases plus a seeded spread from 1 px strips to 20000 px photos. */
function sizes(n = 4000): Size[] {
  let seed = 0x9e3779b9;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: Size[] = [
    { width: 1, height: 1 }, { width: 2, height: 1 }, { width: 1, height: 100000 }, { width: 100000, height: 10 },
    { width: 2048, height: 2048 }, { width: 2049, height: 1 }, { width: 4961, height: 7016 }, { width: 20000, height: 14000 },
    { width: 65536, height: 65536 }, { width: 806, height: 1977 }, { width: 855, height: 1795 },
  ];
  for (let i = 0; i < n; i++) {
    const big = rnd() < 0.5;
    out.push({ width: 1 + Math.floor(rnd() * (big ? 20000 : 3000)), height: 1 + Math.floor(rnd() * (big ? 20000 : 3000)) });
  }
  return out;
}
const SIZES = sizes();
const long = (s: Size) => Math.max(s.width, s.height);
const aspect = (s: Size) => s.width / s.height;
const patches = (s: Size, p: number) => Math.ceil(s.width / p) * Math.ceil(s.height / p);

/** Runs `check` on every size and collects the broken rules, so one assertion reports them all. */
function violations(check: (s: Size) => (string | false)[]): string[] {
  const out: string[] = [];
  for (const s of SIZES) for (const v of check(s)) if (v) out.push(`${s.width}×${s.height}: ${v}`);
  return out.slice(0, 10);
}

describe('fitLongEdge', () => {
  it('never exceeds the cap, never upscales, and keeps the aspect ratio within a pixel of rounding', () => {
    const bad = violations((s) => {
      const o = fitLongEdge(s, MAX_LONG_EDGE);
      // The short side is the exact scaled value, rounded (or 1 for a very thin strip).
      const short = Math.max(1, Math.min(s.width, s.height) * Math.min(1, 2048 / long(s)));
      return [
        long(o) !== Math.min(2048, long(s)) && `long edge ${long(o)}`,
        Math.abs(Math.min(o.width, o.height) - short) > 0.5 + 1e-9 && `short edge ${Math.min(o.width, o.height)} ≠ ${short}`,
        (o.width > s.width || o.height > s.height) && `upscaled to ${o.width}×${o.height}`,
        long(s) <= 2048 && (o.width !== s.width || o.height !== s.height) && 'changed a size that fits',
      ];
    });
    expect(bad).toEqual([]);
  });

  it('worked examples', () => {
    expect(fitLongEdge({ width: 4000, height: 3000 }, 2048)).toEqual({ width: 2048, height: 1536 });
    expect(fitLongEdge({ width: 1200, height: 1800 }, 2048)).toEqual({ width: 1200, height: 1800 });
    expect(fitLongEdge({ width: 100000, height: 10 }, 2048)).toEqual({ width: 2048, height: 1 });
    expect(fitShortEdge({ width: 2048, height: 1024 }, 768)).toEqual({ width: 1536, height: 768 });
  });
});

describe('openaiTileSize (gpt-4o family)', () => {
  it('matches OpenAI’s worked examples', () => {
    expect(openaiTileSize({ width: 1024, height: 1024 })).toEqual({ width: 768, height: 768 });
    expect(openaiTileSize({ width: 2048, height: 4096 })).toEqual({ width: 768, height: 1536 });
    expect(openaiTileSize({ width: 512, height: 512 })).toEqual({ width: 512, height: 512 });
  });

  it('fits 2048² with the short side ≤ 768', () => {
    const bad = violations((s) => {
      const o = openaiTileSize(s);
      return [long(o) > 2048 && `long ${long(o)}`, Math.min(o.width, o.height) > 768 && `short ${Math.min(o.width, o.height)}`];
    });
    expect(bad).toEqual([]);
  });
});

describe('openaiPatchSize (gpt-4.1-mini, o4-mini, gpt-5-mini…)', () => {
  it('matches OpenAI’s worked examples', () => {
    expect(openaiPatchSize({ width: 1024, height: 1024 })).toEqual({ width: 1024, height: 1024 });
    expect(openaiPatchSize({ width: 1800, height: 2400 })).toEqual({ width: 1056, height: 1408 });
  });

  it('stays within 1536 patches of 32 px and never upscales', () => {
    const bad = violations((s) => {
      const o = openaiPatchSize(s);
      return [
        (o.width > s.width || o.height > s.height) && `upscaled to ${o.width}×${o.height}`,
        // A strip thinner than one patch cannot meet the budget by scaling; targetSize caps it at 2048.
        Math.min(s.width, s.height) >= 32 && patches(o, 32) > 1536 && `${patches(o, 32)} patches (${o.width}×${o.height})`,
      ];
    });
    expect(bad).toEqual([]);
  });
});

describe('anthropicSize', () => {
  it('keeps the long edge ≤ 1568 and ≤ 1568 patches of 28 px, and the aspect ratio', () => {
    const bad = violations((s) => {
      const o = anthropicSize(s);
      return [
        long(o) > 1568 && `long ${long(o)}`,
        patches(o, 28) > 1568 && `${patches(o, 28)} patches`,
        (o.width > s.width || o.height > s.height) && `upscaled to ${o.width}×${o.height}`,
        Math.min(o.width, o.height) >= 100 && Math.abs(aspect(o) / aspect(s) - 1) >= 0.02 && `aspect ${o.width}×${o.height}`,
      ];
    });
    expect(bad).toEqual([]);
  });

  it('leaves an image that already fits alone, and shrinks a 1568² square to ≤ 1568 patches', () => {
    expect(anthropicSize({ width: 1092, height: 1092 })).toEqual({ width: 1092, height: 1092 });
    expect(anthropicSize({ width: 800, height: 600 })).toEqual({ width: 800, height: 600 });
    const sq = anthropicSize({ width: 1568, height: 1568 });
    expect(sq.width).toBe(sq.height);
    expect(patches(sq, 28)).toBeLessThanOrEqual(1568);
    expect(sq.width).toBeGreaterThan(1050);
  });
});

describe('targetSize', () => {
  const routes: [string, string][] = [
    ['openai', 'gpt-4o'], ['openai', 'gpt-4.1-mini'], ['openai', 'o4-mini'], ['openai', 'gpt-5-nano'],
    ['anthropic', 'claude-haiku-4-5'], ['anthropic', 'claude-opus-5-5'], ['gemini', 'gemini-2.5-flash'], ['gemini', 'gemini-3.5-flash'],
    ['ollama', 'llava'], ['ollama', 'gemma3'], ['openai', 'gpt-6.2-sol'],
    ['openai-compatible', 'qwen2.5-vl'], ['', ''], ['unknown-provider', 'whatever'],
  ];

  it.each(routes)('%s / %s: never exceeds 2048, never upscales, never collapses to 0', (provider, model) => {
    const bad = violations((s) => {
      const o = targetSize(provider, model, s);
      return [
        long(o) > MAX_LONG_EDGE && `long ${long(o)}`,
        (o.width > s.width || o.height > s.height) && `upscaled to ${o.width}×${o.height}`,
        Math.min(o.width, o.height) < 1 && 'collapsed',
        !(Number.isInteger(o.width) && Number.isInteger(o.height)) && 'not whole pixels',
      ];
    });
    expect(bad).toEqual([]);
  });

  it('routes each provider to its rule', () => {
    const big = { width: 4000, height: 3000 };
    expect(targetSize('openai', 'gpt-4o', big)).toEqual(openaiTileSize(big));
    expect(targetSize('openai', 'gpt-4.1-mini', big)).toEqual(openaiPatchSize(big));
    expect(targetSize('anthropic', 'x', big)).toEqual(anthropicSize(big));
    expect(long(targetSize('gemini', 'x', big))).toBe(1536);
    expect(targetSize('gemini', 'gemini-2.0-flash', big)).toEqual(geminiTileSize(big));
    expect(long(targetSize('ollama', 'x', big))).toBe(1344);
    expect(long(targetSize('openai-compatible', 'x', big))).toBe(1568);
  });
});

describe('geminiTileSize', () => {
  const tiles = (s: Size) => Math.ceil(s.width / 768) * Math.ceil(s.height / 768);
  it('never costs more tiles than the 1536-px fit, and keeps ≥ 85 % of its detail', () => {
    const bad = violations((s) => {
      const fit = fitLongEdge(s, 1536);
      const o = geminiTileSize(s);
      return [
        tiles(o) > tiles(fit) && `${tiles(o)} tiles > ${tiles(fit)}`,
        long(o) < long(fit) * GEMINI_KEEP ** Math.max(1, tiles(fit) - tiles(o)) - 1 && `long ${long(o)} of ${long(fit)}`,
        (o.width > s.width || o.height > s.height) && 'upscaled',
        Math.min(o.width, o.height) < 1 && 'collapsed',
      ];
    });
    expect(bad).toEqual([]);
  });
});

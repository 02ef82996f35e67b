import { describe, expect, it } from 'vitest';
import { anthropicSize, geminiTileSize, MAX_LONG_EDGE, type Size } from '../../../utils/image/resize';
import { ruleName, sizeFor, targetSize, tokensFor, visionRule } from '../../../utils/image/vision-rules';

const tokens = (provider: string, model: string, size: Size, detail?: 'low' | 'high' | 'auto') => tokensFor(visionRule(provider, model), size, detail);
const patches = (s: Size, p: number) => Math.ceil(s.width / p) * Math.ceil(s.height / p);

// OpenAI, "Images and vision" → "Calculating costs" (developers.openai.com/api/docs/guides/images-vision), the late-2025
// text with the gpt-5-mini row; the 2026 sizing table for gpt-5.4 and later as quoted in public code (read 2026-12-03).
describe('OpenAI tile models (vision guide, worked examples)', () => {
  it('a 1024×1024 image at detail high costs 765 tokens on gpt-4o (85 + 4 tiles × 170)', () => {
    expect(tokens('openai', 'gpt-4o', { width: 1024, height: 1024 }, 'high')).toBe(765);
  });
  it('a 2048×4096 image at detail high costs 1105 tokens (768×1536, 6 tiles)', () => {
    expect(tokens('openai', 'gpt-4o', { width: 2048, height: 4096 }, 'high')).toBe(1105);
    expect(targetSize('openai', 'gpt-4o', { width: 2048, height: 4096 })).toEqual({ width: 768, height: 1536 });
  });
  it('a 4096×8192 image at detail low costs 85 tokens, and is sent at 512 px, all the model sees', () => {
    expect(tokens('openai', 'gpt-4o', { width: 4096, height: 8192 }, 'low')).toBe(85);
    expect(targetSize('openai', 'gpt-4o', { width: 4096, height: 8192 }, 'low')).toEqual({ width: 256, height: 512 });
  });
  it('gpt-5 counts 70 + 140 a tile, gpt-4o-mini 2833 + 5667, o3 75 + 150', () => {
    expect(tokens('openai', 'gpt-5', { width: 1024, height: 1024 })).toBe(70 + 4 * 140);
    expect(tokens('openai', 'gpt-4o-mini-2024-07-18', { width: 1024, height: 1024 })).toBe(2833 + 4 * 5667);
    expect(tokens('openai', 'o3', { width: 1024, height: 1024 })).toBe(75 + 4 * 150);
  });
});

describe('OpenAI patch models (vision guide, worked examples)', () => {
  it('"A 1024 x 1024 image is 1024 tokens" before the multiplier; gpt-4.1-mini ×1.62, nano ×2.46, o4-mini ×1.72', () => {
    const size = { width: 1024, height: 1024 };
    expect(tokens('openai', 'gpt-4.1-mini', size)).toBe(Math.ceil(1024 * 1.62));
    expect(tokens('openai', 'gpt-5-nano', size)).toBe(Math.ceil(1024 * 2.46));
    expect(tokens('openai', 'o4-mini', size)).toBe(Math.ceil(1024 * 1.72));
  });
  it('"A 1800 x 2400 image is 1452 tokens": shrunk to 1056×1408, 33 × 44 patches', () => {
    expect(targetSize('openai', 'gpt-4.1-mini', { width: 1800, height: 2400 })).toEqual({ width: 1056, height: 1408 });
    expect(tokens('openai', 'gpt-4.1-mini', { width: 1800, height: 2400 })).toBe(Math.ceil(1452 * 1.62));
  });
  it('gpt-5.4 and later (gpt-5.6, gpt-6, gpt-6.2): 32-px patches ×1.2, 1024² → 1229, 4096×512 → 2458', () => {
    for (const m of ['gpt-5.5', 'gpt-5.6-sol', 'gpt-6-luna', 'gpt-6.2-sol', 'openai/gpt-6-astra']) {
      expect(tokens('openai', m, { width: 1024, height: 1024 }), m).toBe(1229);
      expect(tokens('openai', m, { width: 4096, height: 512 }), m).toBe(2458);
    }
  });
  it('gpt-5.4 and later are sent within 2048 px and 2,500 patches (what detail high reads)', () => {
    const o = targetSize('openai', 'gpt-6.2-sol', { width: 4032, height: 3024 });
    expect(patches(o, 32)).toBeLessThanOrEqual(2500);
    expect(patches(o, 32)).toBeGreaterThan(2300);
    expect(tokens('openai', 'gpt-6.2-sol', o)).toBe(Math.ceil(patches(o, 32) * 1.2));
  });
});

// Anthropic, "Images and vision" (platform.claude.com/docs/en/build-with-claude/vision), read 2026-12-03.
describe('Anthropic (vision doc, worked examples)', () => {
  it('standard tier: 200×200 → 64, 1000×1000 → 1296, 1092×1092 → 1521, 1920×1080 → 1560, 2000×1500 → 1564', () => {
    const m = 'claude-haiku-4-5';
    expect(tokens('anthropic', m, { width: 200, height: 200 })).toBe(64);
    expect(tokens('anthropic', m, { width: 1000, height: 1000 })).toBe(1296);
    expect(tokens('anthropic', m, { width: 1092, height: 1092 })).toBe(1521);
    expect(tokens('anthropic', m, { width: 1920, height: 1080 })).toBe(1560);
    expect(tokens('anthropic', m, { width: 2000, height: 1500 })).toBe(1564);
  });
  it('standard tier resizes 1920×1080 and 3840×2160 to 1456×819, 2000×1500 to 1270×952, an A4 scan 1075×1520 to 924×1307', () => {
    expect(targetSize('anthropic', 'claude-sonnet-4-6', { width: 1920, height: 1080 })).toEqual({ width: 1456, height: 819 });
    expect(targetSize('anthropic', 'claude-sonnet-4-6', { width: 3840, height: 2160 })).toEqual({ width: 1456, height: 819 });
    expect(targetSize('anthropic', 'claude-sonnet-4-6', { width: 2000, height: 1500 })).toEqual({ width: 1270, height: 952 });
    expect(anthropicSize({ width: 1075, height: 1520 })).toEqual({ width: 924, height: 1307 });
  });
  it('high-resolution tier (Opus 4.7 and later, Sonnet 5.5): 1920×1080 → 2691, 2000×1500 → 3888, 3840×2160 → 4784 at 2576×1449', () => {
    expect(tokens('anthropic', 'claude-sonnet-5-5', { width: 1920, height: 1080 })).toBe(2691);
    expect(tokens('anthropic', 'claude-opus-4-7', { width: 2000, height: 1500 })).toBe(3888);
    expect(tokens('anthropic', 'claude-opus-5-5', { width: 3840, height: 2160 })).toBe(4784);
    expect(anthropicSize({ width: 3840, height: 2160 }, 2576, 4784)).toEqual({ width: 2576, height: 1449 });
  });
  it('which models are on which tier', () => {
    for (const m of ['claude-opus-4-7', 'claude-opus-4-8', 'claude-opus-5', 'claude-opus-5-5', 'claude-sonnet-5-5', 'claude-fable-5-2', 'anthropic/claude-sonnet-5-5'])
      expect(visionRule('anthropic', m), m).toEqual({ kind: 'anthropic', maxEdge: 2576, maxTokens: 4784 });
    for (const m of ['claude-haiku-4-5', 'claude-sonnet-4-6', 'claude-opus-4-6', 'claude-haiku-5-5'])
      expect(visionRule('anthropic', m), m).toEqual({ kind: 'anthropic', maxEdge: 1568, maxTokens: 1568 });
  });
  it('Glimpse still never sends more than 2048 px on the long edge (high-res tier included)', () => {
    expect(Math.max(...Object.values(targetSize('anthropic', 'claude-opus-5-5', { width: 3840, height: 2160 })))).toBe(MAX_LONG_EDGE);
  });
});

// Gemini, "Understand and count tokens" (ai.google.dev/gemini-api/docs/tokens) and "Media resolution"
// (ai.google.dev/gemini-api/docs/media-resolution, updated 2026-05-19), read 2026-12-03.
describe('Gemini', () => {
  it('2.x: 258 tokens when both sides ≤ 384 px, else 258 per 768×768 tile', () => {
    expect(tokens('gemini', 'gemini-2.5-flash-lite', { width: 384, height: 300 })).toBe(258);
    expect(tokens('gemini', 'gemini-2.5-flash-lite', { width: 768, height: 768 })).toBe(258);
    expect(tokens('gemini', 'models/gemini-2.0-flash', { width: 1024, height: 1024 })).toBe(258 * 4);
  });
  it('2.x: a 1080p photo goes as 1365×768, 2 tiles (516 tokens), not 1536×864, 4 tiles (1,032)', () => {
    const o = targetSize('gemini', 'gemini-2.5-flash-lite', { width: 1920, height: 1080 });
    expect(o).toEqual({ width: 1365, height: 768 });
    expect(tokens('gemini', 'gemini-2.5-flash-lite', o)).toBe(516);
    expect(tokens('gemini', 'gemini-2.5-flash-lite', { width: 1536, height: 864 })).toBe(1032);
  });
  it('2.x: a row or column of tiles is dropped only when ≥ 85 % of the detail stays', () => {
    expect(geminiTileSize({ width: 800, height: 600 })).toEqual({ width: 768, height: 576 });
    expect(geminiTileSize({ width: 1280, height: 720 })).toEqual({ width: 1280, height: 720 });
    expect(geminiTileSize({ width: 4000, height: 3000 })).toEqual({ width: 1536, height: 1152 });
    expect(geminiTileSize({ width: 612, height: 612 })).toEqual({ width: 612, height: 612 });
  });
  it('3.x and 4: a fixed 1120 tokens an image at the default media resolution (HIGH), whatever its size', () => {
    for (const m of ['gemini-3.5-flash', 'gemini-3.8-flash', 'gemini-4-argon'])
      for (const s of [{ width: 64, height: 64 }, { width: 5000, height: 5000 }]) expect(tokens('gemini', m, s), m).toBe(1120);
    expect(ruleName(visionRule('gemini', 'gemini-3.5-flash'))).toMatch(/fixed budget/);
  });
});

describe('local models (Ollama’s own preprocessing)', () => {
  it('Gemma 3 reads 896², Llama 3.2 Vision 1120², the rest 1344 px', () => {
    const big = { width: 4000, height: 3000 };
    expect(targetSize('ollama', 'gemma3:12b', big)).toEqual({ width: 896, height: 672 });
    expect(targetSize('ollama', 'llama3.2-vision', big)).toEqual({ width: 1120, height: 840 });
    expect(targetSize('ollama', 'llava', big)).toEqual({ width: 1344, height: 1008 });
  });
});

describe('a gateway forwards to the model’s own provider', () => {
  it('an OpenRouter id gets that model’s rule; an unknown one the conservative cap', () => {
    expect(visionRule('openai-compatible', 'openai/gpt-4o')).toEqual({ kind: 'openai-tiles', base: 85, tile: 170 });
    expect(visionRule('openai-compatible', 'google/gemini-3.5-flash')).toEqual({ kind: 'gemini-budget', tokens: 1120 });
    expect(sizeFor(visionRule('openai-compatible', 'qwen2.5-vl'), { width: 4000, height: 3000 })).toEqual({ width: 1568, height: 1176 });
  });
});

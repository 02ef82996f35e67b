import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  anthropicLegacyTokens,
  anthropicPatchTokens,
  costFromUsage,
  costTotals,
  DEFAULT_PRICES,
  estimateCost,
  formatUsd,
  geminiTokens,
  imageTokenRule,
  isLocal,
  loadPriceTable,
  openaiPatchTokens,
  openaiTileTokens,
  priceFor,
  priceTableItem,
  PRICES_AS_OF,
} from '../../../utils/settings/pricing';

describe('OpenAI tile models (worked examples from the vision guide)', () => {
  it('1024×1024 at high detail costs 765 tokens (85 + 4 tiles × 170)', () => {
    expect(openaiTileTokens({ width: 1024, height: 1024 }, 'high', 85, 170)).toBe(765);
  });
  it('2048×4096 at high detail costs 1105 tokens (scaled to 768×1536, 6 tiles)', () => {
    expect(openaiTileTokens({ width: 2048, height: 4096 }, 'high', 85, 170)).toBe(1105);
  });
  it('4096×8192 at low detail costs the base 85 tokens', () => {
    expect(openaiTileTokens({ width: 4096, height: 8192 }, 'low', 85, 170)).toBe(85);
  });
  it('auto is counted like high', () => {
    expect(openaiTileTokens({ width: 1024, height: 1024 }, 'auto', 85, 170)).toBe(765);
  });
  it('gpt-5 uses 70/140 and gpt-4o-mini 2833/5667', () => {
    expect(imageTokenRule('gpt-5').tokens({ width: 1024, height: 1024 }, 'high')).toBe(70 + 4 * 140);
    expect(imageTokenRule('gpt-4o-mini-2024-07-18').tokens({ width: 1024, height: 1024 }, 'high')).toBe(2833 + 4 * 5667);
    expect(imageTokenRule('gpt-4o-mini').tokens({ width: 1024, height: 1024 }, 'low')).toBe(2833);
  });
});

describe('OpenAI patch models', () => {
  it('1024×1024 is 1024 patches', () => {
    expect(openaiPatchTokens({ width: 1024, height: 1024 })).toBe(1024);
  });
  it('1800×2400 is shrunk to 1056×1408: 1452 patches', () => {
    expect(openaiPatchTokens({ width: 1800, height: 2400 })).toBe(1452);
  });
  it('gpt-4.1-mini multiplies by 1.62, nano by 2.46, o4-mini by 1.72', () => {
    const size = { width: 1024, height: 1024 };
    expect(imageTokenRule('gpt-4.1-mini').tokens(size)).toBe(Math.ceil(1024 * 1.62));
    expect(imageTokenRule('gpt-5-nano').tokens(size)).toBe(Math.ceil(1024 * 2.46));
    expect(imageTokenRule('o4-mini').tokens(size)).toBe(Math.ceil(1024 * 1.72));
    expect(imageTokenRule('gpt-5-mini').tokens(size)).toBe(Math.ceil(1024 * 1.62));
  });
  it('never counts more than the 1536-patch budget', () => {
    expect(openaiPatchTokens({ width: 4000, height: 4000 })).toBeLessThanOrEqual(1536);
  });
});

describe('Anthropic', () => {
  it('current rule: ⌈w/28⌉·⌈h/28⌉, e.g. 1092×1092 → 39·39 = 1521, 200×200 → 64', () => {
    expect(anthropicPatchTokens({ width: 1092, height: 1092 })).toBe(1521);
    expect(anthropicPatchTokens({ width: 200, height: 200 })).toBe(64);
  });
  it('current rule: a large image is first resized to at most 1568 patches', () => {
    expect(anthropicPatchTokens({ width: 4000, height: 3000 })).toBeLessThanOrEqual(1568);
    expect(anthropicPatchTokens({ width: 4000, height: 3000 })).toBeGreaterThan(1400);
  });
  it('legacy rule w·h/750 matches the old table: 200² ≈ 54, 1000² ≈ 1334, 1092² ≈ 1590', () => {
    expect(anthropicLegacyTokens({ width: 200, height: 200 })).toBe(54);
    expect(anthropicLegacyTokens({ width: 1000, height: 1000 })).toBe(1334);
    expect(anthropicLegacyTokens({ width: 1092, height: 1092 })).toBe(1590);
  });
  it('Claude 3 models use the legacy rule, Claude 4.x the patches', () => {
    expect(imageTokenRule('claude-3-5-sonnet-20241022').rule).toMatch(/legacy/);
    expect(imageTokenRule('claude-sonnet-4-5-20250929').rule).toMatch(/28-px patches/);
  });
});

describe('Gemini', () => {
  it('258 tokens when both sides ≤ 384, else 258 per 768-px tile', () => {
    expect(geminiTokens({ width: 384, height: 300 })).toBe(258);
    expect(geminiTokens({ width: 1024, height: 1024 })).toBe(258 * 4);
    expect(geminiTokens({ width: 768, height: 768 })).toBe(258);
    expect(imageTokenRule('models/gemini-2.5-flash').tokens({ width: 1536, height: 800 })).toBe(258 * 4);
    expect(imageTokenRule('gemini-3-pro').tokens({ width: 5000, height: 5000 })).toBe(1120);
  });
});

describe('prices', () => {
  it('the table has every common vision model, dated', () => {
    for (const m of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-5', 'gpt-5-mini', 'claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1', 'gemini-2.5-flash', 'gemini-2.5-pro']) {
      expect(DEFAULT_PRICES[m], m).toMatchObject({ input: expect.any(Number), output: expect.any(Number) });
    }
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  it('matches dated and routed ids, but never another model that shares a prefix', () => {
    expect(priceFor('gpt-4o-2024-08-06')).toBe(DEFAULT_PRICES['gpt-4o']);
    expect(priceFor('gpt-4o-mini')).toBe(DEFAULT_PRICES['gpt-4o-mini']);
    expect(priceFor('openai/gpt-4.1-mini')).toBe(DEFAULT_PRICES['gpt-4.1-mini']);
    expect(priceFor('claude-haiku-4-5-20251001')).toBe(DEFAULT_PRICES['claude-haiku-4-5']);
    expect(priceFor('claude-sonnet-4-5@20250929')).toBe(DEFAULT_PRICES['claude-sonnet-4-5']);
    expect(priceFor('gpt-5-nano')).toBeUndefined();
    expect(priceFor('gemini-2.5-flash-lite')).toBeUndefined();
    expect(priceFor('llava')).toBeUndefined();
  });
  it('local providers are free; a LAN OpenAI-compatible server too, OpenRouter is not', () => {
    expect(isLocal('ollama')).toBe(true);
    expect(isLocal('chrome-ai')).toBe(true);
    expect(isLocal('openai-compatible', 'http://localhost:1234/v1')).toBe(true);
    expect(isLocal('openai-compatible', 'http://192.168.1.20:8000/v1')).toBe(true);
    expect(isLocal('openai-compatible', 'https://openrouter.ai/api/v1')).toBe(false);
    expect(isLocal('openai', 'http://localhost:1234/v1')).toBe(false);
  });
});

describe('estimateCost and costFromUsage', () => {
  it('gpt-4o at high detail: 765 image tokens + prompt, priced at the input rate', () => {
    const e = estimateCost({ provider: 'openai', model: 'gpt-4o', detail: 'high' }, { width: 1024, height: 1024 }, 'x'.repeat(400));
    expect(e).toMatchObject({ imageTokens: 765, promptTokens: 100, local: false, pricesAsOf: PRICES_AS_OF });
    expect(e.usd).toBeCloseTo((865 * 2.5) / 1e6, 12);
    expect(e.price).toEqual(DEFAULT_PRICES['gpt-4o']);
  });
  it('detail low makes the same image cheaper', () => {
    const low = estimateCost({ provider: 'openai', model: 'gpt-4o', detail: 'low' }, { width: 1024, height: 1024 }, '');
    expect(low.imageTokens).toBe(85);
  });
  it('an unknown cloud model has tokens but no price; a local one costs 0', () => {
    expect(estimateCost({ provider: 'openai-compatible', model: 'mystery-vl', baseUrl: 'https://gw.example.com/v1' }, { width: 500, height: 500 }, 'hi').usd).toBeUndefined();
    const local = estimateCost({ provider: 'ollama', model: 'llava' }, { width: 500, height: 500 }, 'hi');
    expect(local).toMatchObject({ usd: 0, local: true });
  });
  it('the actual cost uses input and output prices', () => {
    expect(costFromUsage({ provider: 'anthropic', model: 'claude-haiku-4-5' }, { inputTokens: 1_000_000, outputTokens: 200_000 })?.usd).toBeCloseTo(1 + 1, 10);
    expect(costFromUsage({ provider: 'ollama', model: 'llava' }, { inputTokens: 600, outputTokens: 9 })?.usd).toBe(0);
    expect(costFromUsage({ provider: 'openai', model: 'gpt-4o' }, undefined)).toBeUndefined();
    expect(costFromUsage({ provider: 'openai', model: 'unknown-model' }, { inputTokens: 1 })).toBeUndefined();
  });
  it('uses an edited table and its date', () => {
    const table = { asOf: '2027-01-01', prices: { ...DEFAULT_PRICES, 'gpt-4o': { input: 1, output: 1 } } };
    const e = estimateCost({ provider: 'openai', model: 'gpt-4o', detail: 'low' }, { width: 10, height: 10 }, '', table);
    expect(e.usd).toBeCloseTo(85 / 1e6, 12);
    expect(e.pricesAsOf).toBe('2027-01-01');
  });
});

describe('the editable table, totals and formatting', () => {
  beforeEach(() => fakeBrowser.reset());

  it('loadPriceTable puts the user’s edits over the defaults', async () => {
    expect(await loadPriceTable()).toEqual({ asOf: PRICES_AS_OF, prices: DEFAULT_PRICES });
    await priceTableItem.setValue({ asOf: '2027-02-01', prices: { 'my-vl': { input: 0.1, output: 0.2 } } });
    const t = await loadPriceTable();
    expect(t.asOf).toBe('2027-02-01');
    expect(t.prices['my-vl']).toEqual({ input: 0.1, output: 0.2 });
    expect(t.prices['gpt-4o']).toEqual(DEFAULT_PRICES['gpt-4o']);
  });

  it('costTotals sums stored costs by model', () => {
    expect(costTotals([{ model: 'a', cost: { usd: 0.5 } }, { model: 'b', cost: { usd: 0.25 } }, { model: 'a', cost: { usd: 0.25 } }, { model: 'c' }])).toEqual({
      usd: 1, answers: 3, byModel: { a: 0.75, b: 0.25 },
    });
  });

  it('formatUsd', () => {
    expect(formatUsd(0.00123)).toBe('$0.0012');
    expect(formatUsd(1.5)).toBe('$1.50');
    expect(formatUsd(0.00001)).toBe('< $0.0001');
    expect(formatUsd(undefined)).toBe('price unknown');
    expect(formatUsd(0, true)).toBe('free (local)');
  });
});

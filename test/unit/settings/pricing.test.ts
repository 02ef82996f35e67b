import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  costFromUsage,
  costTotals,
  DEFAULT_PRICES,
  estimateCost,
  formatUsd,
  imageTokenRule,
  isLocal,
  loadPriceTable,
  priceFor,
  priceTableItem,
  PRICES_AS_OF,
} from '../../../utils/settings/pricing';

describe('imageTokenRule (the rules themselves are tested in image/vision-rules.test.ts)', () => {
  it('names the rule and counts with it; the provider decides for ids no rule names', () => {
    expect(imageTokenRule('gpt-4o').tokens({ width: 1024, height: 1024 }, 'high')).toBe(765);
    expect(imageTokenRule('gpt-4o').rule).toMatch(/OpenAI tiles/);
    expect(imageTokenRule('claude-sonnet-5-5').rule).toMatch(/28-px patches/);
    expect(imageTokenRule('mystery', 'gemini').rule).toMatch(/Gemini fixed budget/);
  });
});

describe('prices', () => {
  it('the table has every common vision model, dated', () => {
    // Every default model and template model is priced (refreshed 2026-12-03).
    for (const m of ['gpt-6-luna', 'gpt-6.2-sol', 'gpt-6.2-astra', 'claude-sonnet-5-5', 'claude-opus-5-5', 'claude-haiku-5-5', 'gemini-3.5-flash', 'gemini-3.5-flash-lite', 'gemini-3.8-flash', 'gpt-4o', 'gpt-4o-mini']) {
      expect(DEFAULT_PRICES[m], m).toMatchObject({ input: expect.any(Number), output: expect.any(Number) });
    }
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
  it('matches dated and routed ids, but never another model that shares a prefix', () => {
    expect(priceFor('gpt-4o-2024-08-06')).toBe(DEFAULT_PRICES['gpt-4o']);
    expect(priceFor('gpt-4o-mini')).toBe(DEFAULT_PRICES['gpt-4o-mini']);
    expect(priceFor('openai/gpt-4.1-mini')).toBe(DEFAULT_PRICES['gpt-4.1-mini']);
    expect(priceFor('claude-haiku-4-5-20251001')).toBe(DEFAULT_PRICES['claude-haiku-4-5']);
    expect(priceFor('claude-sonnet-5-5@20260928')).toBe(DEFAULT_PRICES['claude-sonnet-5-5']);
    expect(priceFor('claude-opus-5-5')).toBe(DEFAULT_PRICES['claude-opus-5-5']);
    expect(priceFor('gemini-3.5-flash-lite')).toBe(DEFAULT_PRICES['gemini-3.5-flash-lite']);
    expect(priceFor('gpt-5-nano')).toBeUndefined();
    expect(priceFor('gpt-5.4-nano')).toBeUndefined();
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

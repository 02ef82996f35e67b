import { storage } from 'wxt/utils/storage';
import { anthropicSize, fitLongEdge, fitShortEdge, openaiPatchSize, type Size } from '../image/resize';
import { t } from '../i18n';
import type { Detail } from './items';
import { isPrivateHost } from '../capture/hosts';

/**
 * List prices in USD per 1 million tokens, as published by the providers on this date.
 * Prices change: the options page lets the user edit this table (stored in `local:priceTable`).
 */
export const PRICES_AS_OF = '2025-11-25';

export interface ModelPrice {
  /** USD per 1M input tokens (text and image). */
  input: number;
  /** USD per 1M output tokens. */
  output: number;
}
export type PriceTable = Record<string, ModelPrice>;

export const DEFAULT_PRICES: PriceTable = {
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'claude-sonnet-4-5': { input: 3, output: 15 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'claude-opus-4-1': { input: 15, output: 75 },
  // Gemini 2.5 Pro: the price for prompts up to 200k tokens, which every image question here is.
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.5-pro': { input: 1.25, output: 10 },
};

/** The user's edits to the table; null means "use DEFAULT_PRICES". */
export const priceTableItem = storage.defineItem<{ asOf: string; prices: PriceTable } | null>('local:priceTable', {
  fallback: null,
  version: 1,
});

/** The defaults with the user's edits on top, and the date to show next to them. */
export async function loadPriceTable(): Promise<{ asOf: string; prices: PriceTable }> {
  const saved = await priceTableItem.getValue();
  return saved ? { asOf: saved.asOf, prices: { ...DEFAULT_PRICES, ...saved.prices } } : { asOf: PRICES_AS_OF, prices: DEFAULT_PRICES };
}

/** `openai/gpt-4o` (OpenRouter), `models/gemini-2.5-flash` (Gemini) → the bare id. */
export const normalizeModel = (model: string): string => model.trim().toLowerCase().replace(/^[\w.-]+\//, '');

/**
 * The price of the longest table key that the model id starts with, where what follows is a
 * date or version (`gpt-4o-2024-08-06`, `claude-haiku-4-5@20251001`), never another name
 * (`gpt-5-nano` is not `gpt-5`).
 */
export function priceFor(model: string, table: PriceTable = DEFAULT_PRICES): ModelPrice | undefined {
  const id = normalizeModel(model);
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    const k = key.toLowerCase();
    if (!id.startsWith(k)) continue;
    const rest = id.slice(k.length);
    if ((rest === '' || /^([-@:]\d|-latest$)/.test(rest)) && (!best || k.length > best.length)) best = k;
  }
  return best ? Object.entries(table).find(([k]) => k.toLowerCase() === best)![1] : undefined;
}

// ---- Image tokens, one pure function per documented rule -----------------------------------

/** OpenAI tile models: `low` = base only; otherwise fit 2048², short side 768, 512-px tiles. */
export function openaiTileTokens(size: Size, detail: Detail | undefined, base: number, perTile: number): number {
  if (detail === 'low') return base;
  const s = fitShortEdge(fitLongEdge(size, 2048), 768);
  return base + perTile * Math.ceil(s.width / 512) * Math.ceil(s.height / 512);
}

/** OpenAI patch models: 32-px patches within a budget, times the model's multiplier. */
export function openaiPatchTokens(size: Size, multiplier = 1, budget = 1536): number {
  const s = openaiPatchSize(size, budget);
  const patches = Math.min(budget, Math.ceil(s.width / 32) * Math.ceil(s.height / 32));
  return Math.ceil(patches * multiplier);
}

/** Anthropic, current rule: ⌈w/28⌉·⌈h/28⌉ after the standard-tier resize. */
export function anthropicPatchTokens(size: Size): number {
  const s = anthropicSize(size);
  return Math.ceil(s.width / 28) * Math.ceil(s.height / 28);
}

/** Anthropic, legacy rule (Claude 3 family): ≈ w·h/750 after fitting 1568 px, at most ~1600. */
export function anthropicLegacyTokens(size: Size): number {
  const s = fitLongEdge(size, 1568);
  return Math.min(1600, Math.ceil((s.width * s.height) / 750));
}

/** Gemini 2.x: 258 tokens when both sides ≤ 384 px, else 258 per 768×768 tile. */
export function geminiTokens(size: Size): number {
  if (size.width <= 384 && size.height <= 384) return 258;
  return 258 * Math.ceil(size.width / 768) * Math.ceil(size.height / 768);
}

export interface ImageTokenRule {
  /** Short name of the rule, shown next to the estimate. */
  rule: string;
  tokens(size: Size, detail?: Detail): number;
}

/** Picks the documented rule for a model id; unknown models get a 28-px patch approximation. */
export function imageTokenRule(model: string): ImageTokenRule {
  const m = normalizeModel(model);
  const tiles = (base: number, tile: number): ImageTokenRule => ({ rule: `OpenAI tiles (${base} + ${tile}/tile)`, tokens: (s, d) => openaiTileTokens(s, d, base, tile) });
  const patches = (mult: number, budget = 1536): ImageTokenRule => ({ rule: `OpenAI 32-px patches ×${mult}`, tokens: (s) => openaiPatchTokens(s, mult, budget) });
  if (/^(gpt-4\.1|gpt-5(\.\d+)?)-nano/.test(m)) return patches(2.46);
  if (/^(gpt-4\.1|gpt-5(\.\d+)?)-mini/.test(m)) return patches(1.62);
  if (/^o4-mini/.test(m)) return patches(1.72);
  if (/^gpt-5\.[45]/.test(m)) return patches(1, 2500);
  if (/^gpt-4o-mini/.test(m)) return tiles(2833, 5667);
  if (/^gpt-5/.test(m)) return tiles(70, 140);
  if (/^(o1|o3)(-|$)/.test(m)) return tiles(75, 150);
  if (/^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-4-turbo)/.test(m)) return tiles(85, 170);
  if (/^claude-3/.test(m)) return { rule: 'Anthropic w·h/750 (legacy)', tokens: anthropicLegacyTokens };
  if (/^claude/.test(m)) return { rule: 'Anthropic 28-px patches', tokens: anthropicPatchTokens };
  if (/^gemini-3/.test(m)) return { rule: 'Gemini 3 fixed budget (high)', tokens: () => 1120 };
  if (/^gemini/.test(m)) return { rule: 'Gemini 258 per 768-px tile', tokens: geminiTokens };
  return { rule: 'approximation (28-px patches)', tokens: anthropicPatchTokens };
}

/** About four characters per token for English text; good enough for an estimate. */
export const estimateTextTokens = (text: string): number => Math.ceil(text.length / 4);

/** Providers that run on this computer or on the user's own network cost nothing per token. */
export function isLocal(provider: string, baseUrl = ''): boolean {
  if (provider === 'ollama' || provider === 'chrome-ai') return true;
  if (provider !== 'openai-compatible') return false;
  try {
    return isPrivateHost(new URL(baseUrl).hostname);
  } catch {
    return false;
  }
}

export interface CostProfile {
  provider: string;
  model: string;
  baseUrl?: string;
  detail?: Detail;
}

export interface CostEstimate {
  imageTokens: number;
  promptTokens: number;
  /** USD for the input (image + prompt); undefined when the model has no price in the table. */
  usd?: number;
  /** The model's price, so the UI can add the answer's cost as it grows. */
  price?: ModelPrice;
  rule: string;
  local: boolean;
  pricesAsOf: string;
}

/** What sending this image and prompt to this profile's model should cost, before it is sent. */
export function estimateCost(
  profile: CostProfile,
  /** The image, or every tile of it: each is counted by the model's rule. */
  image: Size | Size[],
  prompt: string,
  table: { asOf: string; prices: PriceTable } = { asOf: PRICES_AS_OF, prices: DEFAULT_PRICES },
): CostEstimate {
  const rule = imageTokenRule(profile.model);
  const imageTokens = [image].flat().reduce((n, s) => n + rule.tokens(s, profile.detail), 0);
  const promptTokens = estimateTextTokens(prompt);
  const local = isLocal(profile.provider, profile.baseUrl);
  const price = local ? { input: 0, output: 0 } : priceFor(profile.model, table.prices);
  const usd = price ? ((imageTokens + promptTokens) * price.input) / 1e6 : undefined;
  return { imageTokens, promptTokens, usd, price, rule: rule.rule, local, pricesAsOf: table.asOf };
}

/** The most input tokens (image and text) one request may carry; above it Glimpse refuses instead of sending. */
export const REQUEST_TOKEN_BUDGET = 50_000;

/** The refusal for a request above the budget, or undefined when it may go. */
export const overBudget = (e: Pick<CostEstimate, 'imageTokens' | 'promptTokens'>): string | undefined =>
  e.imageTokens + e.promptTokens > REQUEST_TOKEN_BUDGET ? t('overBudget', e.imageTokens + e.promptTokens, REQUEST_TOKEN_BUDGET) : undefined;

/** The cost of an answer from the usage the provider reported. */
export function costFromUsage(
  profile: CostProfile,
  usage: { inputTokens?: number; outputTokens?: number } | undefined,
  table: { asOf: string; prices: PriceTable } = { asOf: PRICES_AS_OF, prices: DEFAULT_PRICES },
): { usd: number; pricesAsOf: string } | undefined {
  if (!usage || (usage.inputTokens === undefined && usage.outputTokens === undefined)) return undefined;
  if (isLocal(profile.provider, profile.baseUrl)) return { usd: 0, pricesAsOf: table.asOf };
  const price = priceFor(profile.model, table.prices);
  if (!price) return undefined;
  return { usd: ((usage.inputTokens ?? 0) * price.input + (usage.outputTokens ?? 0) * price.output) / 1e6, pricesAsOf: table.asOf };
}

/** Running totals for the options page, from stored entries. */
export function costTotals(entries: { model?: string; cost?: { usd: number } }[]): { usd: number; answers: number; byModel: Record<string, number> } {
  const byModel: Record<string, number> = {};
  let usd = 0;
  let answers = 0;
  for (const e of entries) {
    if (!e.cost) continue;
    usd += e.cost.usd;
    answers++;
    const key = e.model ?? 'unknown';
    byModel[key] = (byModel[key] ?? 0) + e.cost.usd;
  }
  return { usd, answers, byModel };
}

/** "$0.0012", "< $0.0001", "free (local)". */
export function formatUsd(usd: number | undefined, local = false): string {
  if (local) return 'free (local)';
  if (usd === undefined) return 'price unknown';
  if (usd === 0) return '$0';
  if (usd < 0.0001) return '< $0.0001';
  return `$${usd < 0.01 ? usd.toFixed(4) : usd.toFixed(2)}`;
}

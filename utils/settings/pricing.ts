import { storage } from 'wxt/utils/storage';
import type { Size } from '../image/resize';
import { bareModel, ruleName, tokensFor, visionRule } from '../image/vision-rules';
import { t } from '../i18n';
import type { Detail } from './items';
import { isPrivateHost } from '../capture/hosts';

/**
 * List prices in USD per 1 million tokens (prompts under each provider's long-context tier), as the providers
 * publish them on this date: OpenAI's models page (GPT-6.2, after 2026-11-17), Anthropic's models overview
 * (Claude 5.5 and Fable 5.2), Google's Gemini pricing page (read 2026-10-07; gemini-3.8-flash rises to
 * 1.50 / 7.50 on 2027-01-01). Models that retire within weeks keep their price until they do.
 * Prices change: the options page lets the user edit this table (stored in `local:priceTable`).
 */
export const PRICES_AS_OF = '2026-12-03';

export interface ModelPrice {
  /** USD per 1M input tokens (text and image). */
  input: number;
  /** USD per 1M output tokens. */
  output: number;
}
export type PriceTable = Record<string, ModelPrice>;

export const DEFAULT_PRICES: PriceTable = {
  'gpt-6.2-astra': { input: 8, output: 40 },
  'gpt-6.2-sol': { input: 2, output: 10 },
  'gpt-6.1-terra': { input: 1, output: 5 },
  'gpt-6.1-sol': { input: 2, output: 10 },
  'gpt-6-astra': { input: 10, output: 50 },
  'gpt-6-sol': { input: 2, output: 10 },
  'gpt-6-luna': { input: 0.1, output: 0.5 },
  'gpt-5.6-sol': { input: 4, output: 20 },
  'gpt-5.6-terra': { input: 2, output: 12 },
  'gpt-5.6-luna': { input: 0.2, output: 1.2 },
  'gpt-5.5': { input: 5, output: 30 },
  'gpt-5.4': { input: 2.5, output: 15 },
  'gpt-5.4-mini': { input: 0.75, output: 4.5 },
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'claude-fable-5-2': { input: 8, output: 40 },
  'claude-fable-5-1': { input: 10, output: 50 },
  'claude-opus-5-5': { input: 4, output: 20 },
  'claude-opus-5': { input: 5, output: 25 },
  'claude-opus-4-8': { input: 5, output: 25 },
  'claude-opus-4-7': { input: 5, output: 25 },
  'claude-opus-4-5': { input: 5, output: 25 },
  'claude-sonnet-5-5': { input: 2, output: 10 },
  'claude-sonnet-5': { input: 2, output: 10 },
  'claude-sonnet-4-6': { input: 3, output: 15 },
  // Haiku 5.5: the price for prompts up to 100k tokens, which every image question here is.
  'claude-haiku-5-5': { input: 0.1, output: 0.5 },
  'claude-haiku-4-5': { input: 1, output: 5 },
  'gemini-3.8-flash': { input: 0.75, output: 3.75 },
  'gemini-3.5-flash': { input: 1.5, output: 9 },
  'gemini-3.5-flash-lite': { input: 0.3, output: 2.5 },
  'gemini-3.1-pro-preview': { input: 2, output: 12 },
  'gemini-4-argon': { input: 4, output: 20 },
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

/**
 * The price of the longest table key that the model id starts with, where what follows is a
 * date or version (`gpt-4o-2024-08-06`, `claude-haiku-4-5@20251001`), never another name
 * (`gpt-5-nano` is not `gpt-5`).
 */
export function priceFor(model: string, table: PriceTable = DEFAULT_PRICES): ModelPrice | undefined {
  const id = bareModel(model);
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    const k = key.toLowerCase();
    if (!id.startsWith(k)) continue;
    const rest = id.slice(k.length);
    if ((rest === '' || /^([-@:]\d|-latest$)/.test(rest)) && (!best || k.length > best.length)) best = k;
  }
  return best ? Object.entries(table).find(([k]) => k.toLowerCase() === best)![1] : undefined;
}

// ---- Image tokens: the rules live in image/vision-rules.ts, shared with the resize ---------------

export interface ImageTokenRule {
  /** Short name of the rule, shown next to the estimate. */
  rule: string;
  tokens(size: Size, detail?: Detail): number;
}

/** The documented rule for a model id (the provider decides for ids no rule names). */
export function imageTokenRule(model: string, provider = ''): ImageTokenRule {
  const rule = visionRule(provider, model);
  return { rule: ruleName(rule), tokens: (s, d) => tokensFor(rule, s, d) };
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
  const rule = imageTokenRule(profile.model, profile.provider);
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

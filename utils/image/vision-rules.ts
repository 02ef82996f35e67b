/**
 * Which documented image rule a model follows: the one place that knows, so the size Glimpse sends
 * (resize.ts) and the tokens it estimates (settings/pricing.ts) never disagree. Pure data and maths.
 *
 * Sources, read 2026-12-03 (see each rule): OpenAI "Images and vision" (patch and tile models, the
 * 2026 sizing table for gpt-5.4 and later), Anthropic "Images and vision" (28-px patches; 1568 or
 * 2576 px), Gemini "Understand and count tokens" and "Media resolution", Ollama's model code.
 */
import type { Detail } from '../settings/items';
import { anthropicSize, fitLongEdge, geminiTileSize, MAX_LONG_EDGE, openaiPatchSize, openaiTileSize, type Size } from './resize';


export type VisionRule =
  /** gpt-4o, 4.1, 4.5, o1, o3, gpt-5 (not mini/nano): fit 2048², short side 768, 512-px tiles. */
  | { kind: 'openai-tiles'; base: number; tile: number }
  /**
   * 32-px patches within a budget, times a multiplier (4.1-mini/nano, o4-mini, gpt-5-mini/nano, gpt-5.4 and later).
   * `original`: at detail auto/original the model reads the image unresized up to this many patches (gpt-5.4/5.5:
   * 10,000; gpt-5.6 and GPT-6: 30,000); `budget` is what detail high reads, and what Glimpse sends.
   */
  | { kind: 'openai-patches'; budget: number; multiplier: number; original?: number }
  /** 28-px patches: ≤ maxEdge per side and ≤ maxTokens patches. */
  | { kind: 'anthropic'; maxEdge: number; maxTokens: number }
  /** Gemini 1.x/2.x: 258 per 768-px tile (258 in all when both sides ≤ 384). */
  | { kind: 'gemini-tiles' }
  /** Gemini 3 and 4: a fixed budget per image set by media_resolution (HIGH, the default, is 1120). */
  | { kind: 'gemini-budget'; tokens: number }
  /** Local models: what the model's own preprocessing keeps. Tokens cost nothing; they are estimated as 28-px patches. */
  | { kind: 'local'; maxEdge: number }
  /** Anything else: a conservative size and a 28-px patch estimate. */
  | { kind: 'unknown'; maxEdge: number };

/** `openai/gpt-4o` (OpenRouter), `models/gemini-2.5-flash` (Gemini) → the bare id, lower case. */
export const bareModel = (model: string): string => model.trim().toLowerCase().replace(/^[\w.-]+\//, '');

/** Claude models on the high-resolution tier (2576 px, 4784 tokens): Opus 4.7 and later, Sonnet 5, Fable, Mythos 5. */
const CLAUDE_HIGH_RES = /^claude-(opus-4-[7-9]|opus-([5-9]|\d\d)|sonnet-([5-9]|\d\d)|fable|mythos-([5-9]|\d\d))/;

/** The rule a model follows; the provider decides only for ids no rule names (local servers, gateways). */
export function visionRule(provider: string, model: string): VisionRule {
  const m = bareModel(model);
  // OpenAI's 2026 table: gpt-5.4 and later read 32-px patches ×1.2; at `high` within 2048 px and 2,500 patches.
  if (/^gpt-5\.4-(mini|nano)/.test(m)) return { kind: 'openai-patches', budget: 1536, multiplier: 1.2 };
  if (/^gpt-5\.[45]/.test(m)) return { kind: 'openai-patches', budget: 2500, multiplier: 1.2, original: 10_000 };
  if (/^(gpt-5\.([6-9]|\d\d)|gpt-([6-9]|\d\d))/.test(m)) return { kind: 'openai-patches', budget: 2500, multiplier: 1.2, original: 30_000 };
  if (/^(gpt-4\.1|gpt-5(\.\d+)?)-nano/.test(m)) return { kind: 'openai-patches', budget: 1536, multiplier: 2.46 };
  if (/^(gpt-4\.1|gpt-5(\.\d+)?)-mini/.test(m)) return { kind: 'openai-patches', budget: 1536, multiplier: 1.62 };
  if (/^o4-mini/.test(m)) return { kind: 'openai-patches', budget: 1536, multiplier: 1.72 };
  if (/^gpt-4o-mini/.test(m)) return { kind: 'openai-tiles', base: 2833, tile: 5667 };
  if (/^gpt-5/.test(m)) return { kind: 'openai-tiles', base: 70, tile: 140 };
  if (/^(o1|o3)(-|$)/.test(m)) return { kind: 'openai-tiles', base: 75, tile: 150 };
  if (/^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-4-turbo)/.test(m)) return { kind: 'openai-tiles', base: 85, tile: 170 };
  if (/^claude/.test(m)) return CLAUDE_HIGH_RES.test(m) ? { kind: 'anthropic', maxEdge: 2576, maxTokens: 4784 } : { kind: 'anthropic', maxEdge: 1568, maxTokens: 1568 };
  if (/^gemini-(1|2)\./.test(m)) return { kind: 'gemini-tiles' };
  if (/^gemini/.test(m)) return { kind: 'gemini-budget', tokens: 1120 };
  // Ollama's own preprocessing (model/models/* in ollama/ollama): Gemma 3 squeezes to 896², Llama 3.2 Vision
  // reads up to four 560-px tiles (1120²); others (LLaVA, Qwen-VL at ≤ 2 MP) keep 1344 px, about 1.8 MP.
  if (/^gemma-?3/.test(m)) return { kind: 'local', maxEdge: 896 };
  if (/^llama-?3\.2-vision/.test(m)) return { kind: 'local', maxEdge: 1120 };
  if (provider === 'anthropic') return { kind: 'anthropic', maxEdge: 1568, maxTokens: 1568 };
  if (provider === 'gemini') return { kind: 'gemini-budget', tokens: 1120 };
  if (provider === 'openai') return { kind: 'openai-tiles', base: 85, tile: 170 };
  if (provider === 'ollama') return { kind: 'local', maxEdge: 1344 };
  return { kind: 'unknown', maxEdge: 1568 };
}

/** The size to send: the largest the rule reads at the detail asked for, no larger (never above 2048 px). */
export function sizeFor(rule: VisionRule, size: Size, detail?: Detail): Size {
  let out: Size;
  switch (rule.kind) {
    case 'openai-tiles':
      // `low` shows the model a 512-px picture: more pixels are paid for in upload and thrown away.
      out = detail === 'low' ? fitLongEdge(size, 512) : openaiTileSize(size);
      break;
    case 'openai-patches':
      out = openaiPatchSize(size, rule.budget);
      break;
    case 'anthropic':
      out = anthropicSize(size, rule.maxEdge, rule.maxTokens);
      break;
    case 'gemini-tiles':
      out = geminiTileSize(size);
      break;
    case 'gemini-budget':
      // The budget is per image whatever its size; 1536 px keeps text sharp without a needless upload.
      out = fitLongEdge(size, 1536);
      break;
    case 'local':
    case 'unknown':
      out = fitLongEdge(size, rule.maxEdge);
      break;
  }
  return fitLongEdge(out, MAX_LONG_EDGE);
}

const patches = (s: Size, p: number) => Math.ceil(s.width / p) * Math.ceil(s.height / p);

/** The image tokens the provider bills for an image of `size` (sent as it is: the provider applies its own resize). */
export function tokensFor(rule: VisionRule, size: Size, detail?: Detail): number {
  switch (rule.kind) {
    case 'openai-tiles': {
      if (detail === 'low') return rule.base;
      return rule.base + rule.tile * patches(openaiTileSize(size), 512);
    }
    case 'openai-patches': {
      // Unresized at auto, up to `original` patches (more is shrunk into it, or refused by gpt-5.6 and GPT-6).
      const budget = rule.original && detail !== 'high' ? rule.original : rule.budget;
      const fitted = rule.original && detail !== 'high' && patches(size, 32) <= rule.original ? size : openaiPatchSize(size, budget);
      return Math.ceil(Math.min(budget, patches(fitted, 32)) * rule.multiplier);
    }
    case 'anthropic':
      return patches(anthropicSize(size, rule.maxEdge, rule.maxTokens), 28);
    case 'gemini-tiles':
      return size.width <= 384 && size.height <= 384 ? 258 : 258 * patches(size, 768);
    case 'gemini-budget':
      return rule.tokens;
    case 'local':
    case 'unknown':
      return patches(anthropicSize(size), 28);
  }
}

/** Short name of the rule, shown next to an estimate. */
export function ruleName(rule: VisionRule): string {
  switch (rule.kind) {
    case 'openai-tiles':
      return `OpenAI tiles (${rule.base} + ${rule.tile}/tile)`;
    case 'openai-patches':
      return `OpenAI 32-px patches ×${rule.multiplier} (≤ ${rule.budget})`;
    case 'anthropic':
      return `Anthropic 28-px patches (≤ ${rule.maxEdge} px, ${rule.maxTokens} tokens)`;
    case 'gemini-tiles':
      return 'Gemini 258 per 768-px tile';
    case 'gemini-budget':
      return `Gemini fixed budget (${rule.tokens} per image)`;
    case 'local':
      return `local model (≤ ${rule.maxEdge} px; approximation)`;
    case 'unknown':
      return 'approximation (28-px patches)';
  }
}

/** The size to send to this provider and model (see visionRule); unknown models get a conservative cap. */
export const targetSize = (provider: string, model: string, size: Size, detail?: Detail): Size => sizeFor(visionRule(provider, model), size, detail);

// The provider profiles every bench measures: the models users pick today (no retired id; see
// utils/settings/retired-models.ts), one per size rule in utils/image/vision-rules.ts.
import type { Size } from '../../utils/image/resize';
import { sizeFor, visionRule } from '../../utils/image/vision-rules';

export interface BenchProfile {
  label: string;
  provider: string;
  model: string;
  /** Where the fake provider answers this provider's wire format. */
  path: string;
  /** What the model sees of an image sent at `s`, after the provider's own server-side resize. */
  seen: (s: Size) => Size;
}

const PATHS: Record<string, string> = { openai: '/v1', anthropic: '', gemini: '/v1beta/openai', ollama: '' };

function profile(label: string, provider: string, model: string): BenchProfile {
  const rule = visionRule(provider, model);
  // OpenAI and Anthropic shrink to their rule on the server, which is the rule Glimpse fits to; Gemini and
  // local models read what arrives (a local model resizes again inside, to the same rule).
  const resizes = rule.kind === 'openai-tiles' || rule.kind === 'openai-patches' || rule.kind === 'anthropic';
  return { label, provider, model, path: PATHS[provider] ?? '', seen: resizes ? (s) => sizeFor(rule, s) : (s) => s };
}

export const BENCH_PROFILES: BenchProfile[] = [
  profile('OpenAI gpt-4o (tiles)', 'openai', 'gpt-4o'),
  profile('OpenAI gpt-6.2-sol (patches ×1.2)', 'openai', 'gpt-6.2-sol'),
  profile('Claude sonnet-5-5 (high-res tier)', 'anthropic', 'claude-sonnet-5-5'),
  profile('Claude haiku-4-5 (standard tier)', 'anthropic', 'claude-haiku-4-5'),
  profile('Gemini 3.5 flash (fixed budget)', 'gemini', 'gemini-3.5-flash'),
  profile('Gemini 2.5 flash-lite (768 tiles)', 'gemini', 'gemini-2.5-flash-lite'),
  profile('Ollama llava (local)', 'ollama', 'llava'),
];

import { withAnswerCap } from './limits';
import type { ProviderDefinition, ProviderInfo } from './types';

// Each *.provider.ts file registers itself by existing: adding one touches no other file.
const modules = import.meta.glob<{ default: ProviderDefinition }>('./*.provider.ts', { eager: true });

const ORDER = ['openai', 'anthropic', 'gemini', 'ollama', 'openai-compatible', 'chrome-ai'];

export const providers: ProviderDefinition[] = Object.values(modules)
  // Every caller (answers, the audit, test connection) gets the length cap.
  .map((m) => withAnswerCap(m.default))
  .sort((a, b) => (ORDER.indexOf(a.id) + 1 || 99) - (ORDER.indexOf(b.id) + 1 || 99));

export function getProvider(id: string): ProviderDefinition | undefined {
  return providers.find((p) => p.id === id);
}

export function providerInfos(): ProviderInfo[] {
  return providers.map(({ id, label, defaultBaseUrl, defaultModel, keyRequired, keyUrl, baseUrlHint }) => ({
    id, label, defaultBaseUrl, defaultModel, keyRequired, keyUrl, baseUrlHint,
  }));
}

import { sentences, t } from '../i18n';
import { restoreOllamaOriginFix } from '../worker/ollama-origin';
import { ProviderError } from '../providers/errors';
import { getProvider } from '../providers/registry';
import { isKnownTextOnly, noVisionMessage } from '../providers/vision';
import type { TestResult } from '../messages';
import type { ProviderConfig } from '../providers/types';
import type { Profile } from '../settings/items';
import { availableModels, explainNoAccess, notFoundMessage } from './fault-help';
import { providerConfig } from './provider-config';

// A 4×4 red PNG: proves key, URL, model and image input in one cheap request.
const TINY_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGP4z8AARwzEcQCukw/x0F8jngAAAABJRU5ErkJggg==';
const TIMEOUT_S = 45;

export async function testConnection(profile: Profile): Promise<TestResult> {
  const provider = getProvider(profile.provider);
  if (!provider) return { ok: false, message: t('testUnknownProvider', profile.provider) };
  if (provider.keyRequired && !profile.apiKey.trim()) return { ok: false, message: t('testPasteKey') };
  if (!profile.model.trim()) return { ok: false, message: t('testEnterModel') };
  if (isKnownTextOnly(profile.model)) return { ok: false, kind: 'no-vision', message: noVisionMessage(profile.model) };
  let cfg: ProviderConfig;
  try {
    cfg = providerConfig(profile);
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
  if (provider.id === 'ollama') await restoreOllamaOriginFix(profile.baseUrl);
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), TIMEOUT_S * 1000);
  let text = '';
  try {
    const stream = provider.stream(
      cfg,
      {
        model: profile.model,
        turns: [{ role: 'user', text: 'What colour is this image? Answer in one word.', images: [{ mime: 'image/png', base64: TINY_PNG }] }],
        maxTokens: 16,
      },
      ctl.signal,
    );
    for await (const ev of stream) {
      if (ev.type === 'text') text += ev.text;
      if (text.length > 80) break;
    }
    const said = text.trim() && t('testAnswered', text.trim().slice(0, 60));
    return { ok: true, message: sentences(t('testConnected', profile.model), said) };
  } catch (err) {
    if (ctl.signal.aborted) return { ok: false, kind: 'network', message: t('testTimeout', TIMEOUT_S) };
    if (!(err instanceof ProviderError)) return { ok: false, message: String(err) };
    if (err.kind === 'not-found') {
      const models = await availableModels(provider, cfg);
      return { ok: false, kind: err.kind, message: notFoundMessage(profile.model, models, err.message), models };
    }
    return { ok: false, kind: err.kind, message: (await explainNoAccess(err, profile.baseUrl)).message };
  } finally {
    clearTimeout(timer);
    ctl.abort();
  }
}

import { sentences, t } from '../i18n';
import { ProviderError } from '../providers/errors';
import { getProvider } from '../providers/registry';
import type { TestResult } from '../messages';
import type { Profile } from '../settings/items';
import { providerConfig } from './provider-config';
import { explainNoAccess } from './fault-help';

const TIMEOUT_S = 8;

/** Is the local server up, and does it have the model? Says exactly what to run when not. */
export async function checkLocal(profile: Profile, installHint?: string): Promise<TestResult> {
  const provider = getProvider(profile.provider);
  if (!provider?.listModels) return { ok: false, message: t('localCannotList') };
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), TIMEOUT_S * 1000);
  try {
    const models = await provider.listModels(providerConfig(profile), ctl.signal);
    const want = profile.model.trim();
    // Ollama lists "llava:latest" for "llava".
    const found = models.some((m) => m === want || m === `${want}:latest` || m.split(':')[0] === want);
    if (found) return { ok: true, message: t('localHasModel', profile.baseUrl, want) };
    const ollama = profile.provider === 'ollama';
    const hint = installHint ?? (ollama ? `ollama pull ${want}` : t('localLoadModel'));
    return {
      ok: false,
      message: sentences(t('localMissingModel', profile.baseUrl, want), ollama ? t('runCommand', hint) : hint, models.length > 0 && t('localItHas', models.slice(0, 8).join(', '))),
    };
  } catch (err) {
    if (ctl.signal.aborted) return { ok: false, message: t('localTimeout', profile.baseUrl, TIMEOUT_S) };
    if (err instanceof ProviderError && (err.kind === 'auth' || err.kind === 'bad-request' || err.kind === 'ollama-origin' || err.kind === 'not-found')) return { ok: false, message: err.message };
    // The server may well be up: the browser stopped a request Glimpse had no access for.
    const told = err instanceof ProviderError ? await explainNoAccess(err, profile.baseUrl) : err;
    if (told !== err) return { ok: false, message: (told as ProviderError).message };
    const start = profile.provider === 'ollama' ? t('localStartOllama') : t('localStartServer');
    return { ok: false, message: sentences(t('localNothing', profile.baseUrl), start) };
  } finally {
    clearTimeout(timer);
  }
}

import { ProviderError } from '../providers/errors';
import { getProvider } from '../providers/registry';
import type { TestResult } from '../messages';
import type { Profile } from '../settings';

/** Is the local server up, and does it have the model? Says exactly what to run when not. */
export async function checkLocal(profile: Profile, installHint?: string): Promise<TestResult> {
  const provider = getProvider(profile.provider);
  if (!provider?.listModels) return { ok: false, message: 'This provider cannot list its models; use Test connection instead.' };
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), 8000);
  try {
    const models = await provider.listModels(profile, ctl.signal);
    const want = profile.model.trim();
    // Ollama lists "llava:latest" for "llava".
    const found = models.some((m) => m === want || m === `${want}:latest` || m.split(':')[0] === want);
    if (found) return { ok: true, message: `The server at ${profile.baseUrl} is running and has ${want}.` };
    const hint = installHint ?? (profile.provider === 'ollama' ? `ollama pull ${want}` : 'Load the model in your server, then try again.');
    return {
      ok: false,
      message: `The server at ${profile.baseUrl} is running, but it does not have “${want}”. ${profile.provider === 'ollama' ? 'Run: ' : ''}${hint}${models.length ? ` (It has: ${models.slice(0, 8).join(', ')}.)` : ''}`,
    };
  } catch (err) {
    if (ctl.signal.aborted) return { ok: false, message: `No answer from ${profile.baseUrl} within 8 seconds. Is the server running?` };
    if (err instanceof ProviderError && (err.kind === 'auth' || err.kind === 'ollama-origin' || err.kind === 'not-found')) return { ok: false, message: err.message };
    const start = profile.provider === 'ollama' ? ' Start Ollama (the app, or run: ollama serve).' : ' Start the server (LM Studio: Developer → Start server).';
    return { ok: false, message: `Nothing answered at ${profile.baseUrl}.${start}` };
  } finally {
    clearTimeout(timer);
  }
}

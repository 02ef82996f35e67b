import { bytesToBase64 } from '../base64';
import { ProviderError } from '../providers/errors';
import { getProvider } from '../providers/registry';
import type { Profile } from '../settings/items';
import { t } from '../i18n';
import { providerConfig } from './provider-config';

/** One image + prompt → the whole answer text (for batch work that is not streamed to the panel). */
export async function askOnce(profile: Profile, image: { mime: string; bytes: Uint8Array }, prompt: string, signal: AbortSignal): Promise<string> {
  const provider = getProvider(profile.provider);
  if (!provider) throw new ProviderError('bad-request', t('answerProviderMissing', profile.provider));
  let text = '';
  for await (const ev of provider.stream(
    providerConfig(profile),
    { model: profile.model, turns: [{ role: 'user', text: prompt, images: [{ mime: image.mime, base64: bytesToBase64(image.bytes) }] }], maxTokens: 600, detail: profile.detail },
    signal,
  )) {
    if (ev.type === 'text') text += ev.text;
  }
  return text;
}

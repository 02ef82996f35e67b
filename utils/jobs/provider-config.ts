import { sentences, t } from '../i18n';
import { ProviderError } from '../providers/errors';
import type { ProviderConfig } from '../providers/types';
import { HEADER_PROVIDERS, parseExtraHeaders } from '../settings/extra-headers';
import type { Profile } from '../settings/items';
import { boundOrigin, keyBound } from '../settings/key-binding';

/**
 * What a provider needs from a profile, for every request it makes: answers, Test connection, model lists and
 * the local-server check. Refused before anything is sent: a key saved for another provider or server (a
 * profile switched elsewhere by anything but the options form must not carry its key along), and a bad extra
 * header line (checked on Save; this catches an older or edited store).
 */
export function providerConfig(profile: Profile): ProviderConfig {
  if (!keyBound(profile)) throw new ProviderError('auth', t('keyNotForServer', profile.name, boundOrigin(profile.keyFor!) || profile.provider));
  const parsed = parseExtraHeaders(HEADER_PROVIDERS.includes(profile.provider) ? profile.extraHeaders : undefined);
  if (!parsed.ok) throw new ProviderError('bad-request', sentences(parsed.error, t('headersNothingSent')));
  const { baseUrl, apiKey, model, detail } = profile;
  return { baseUrl, apiKey, model, detail, ...(Object.keys(parsed.headers).length ? { headers: parsed.headers } : {}) };
}

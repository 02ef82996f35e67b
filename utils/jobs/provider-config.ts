import { sentences, t } from '../i18n';
import { ProviderError } from '../providers/errors';
import type { ProviderConfig } from '../providers/types';
import { HEADER_PROVIDERS, parseExtraHeaders } from '../settings/extra-headers';
import type { Profile } from '../settings/items';

/**
 * What a provider needs from a profile, for every request it makes: answers, Test connection, model lists and
 * the local-server check. Extra headers were checked on Save; a bad line here (an older or edited store) is
 * refused before anything is sent.
 */
export function providerConfig(profile: Profile): ProviderConfig {
  const parsed = parseExtraHeaders(HEADER_PROVIDERS.includes(profile.provider) ? profile.extraHeaders : undefined);
  if (!parsed.ok) throw new ProviderError('bad-request', sentences(parsed.error, t('headersNothingSent')));
  const { baseUrl, apiKey, model, detail } = profile;
  return { baseUrl, apiKey, model, detail, ...(Object.keys(parsed.headers).length ? { headers: parsed.headers } : {}) };
}

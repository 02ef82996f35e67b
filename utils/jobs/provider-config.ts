import { t } from '../i18n';
import { ProviderError } from '../providers/errors';
import type { ProviderConfig } from '../providers/types';
import type { Profile } from '../settings/items';
import { boundOrigin, keyBound } from '../settings/key-binding';

/**
 * What a provider call gets from a profile. Refuses, before anything is sent, a key saved for another provider
 * or server: a profile switched elsewhere by anything but the options form (an old build, a sync) must not
 * carry its key along.
 */
export function providerConfig(profile: Profile): ProviderConfig {
  if (!keyBound(profile)) throw new ProviderError('auth', t('keyNotForServer', profile.name, boundOrigin(profile.keyFor!) || profile.provider));
  return { baseUrl: profile.baseUrl, apiKey: profile.apiKey, model: profile.model, detail: profile.detail };
}

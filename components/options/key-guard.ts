import { t } from '../../utils/i18n';
import type { Profile } from '../../utils/settings/items';
import { bindKey, boundOrigin, endpointOf, hasSecret, plainHttpRemote } from '../../utils/settings/key-binding';

/**
 * The form after a change of provider or base URL. A saved key stays only while the endpoint it was saved for
 * stays; otherwise it is cleared, with a note saying why. A key typed since the form was loaded moves with the
 * form: it has not been saved for any endpoint yet, and Save binds it to the one shown.
 */
export function moveEndpoint(form: Profile, patch: Partial<Profile>, keyTyped: boolean): { form: Profile; note?: string } {
  const next = { ...form, ...patch };
  if (!hasSecret(next) || keyTyped) return { form: bindKey(next) };
  const was = form.keyFor ?? endpointOf(form);
  if (was === endpointOf(next)) return { form: next };
  const { keyFor: _k, extraHeaders: _h, ...rest } = next;
  return { form: { ...rest, apiKey: '' }, note: t('keyCleared', boundOrigin(was) || form.provider) };
}

/** Asks before a key goes over plain http to another machine; true when it may be sent. */
export function confirmKeySend(form: Profile): boolean {
  const host = form.apiKey.trim() ? plainHttpRemote(form.baseUrl) : undefined;
  return !host || confirm(t('httpKeyConfirm', host));
}

/** The warning shown under the key while it would travel unencrypted, else undefined. */
export function httpWarning(form: Profile): string | undefined {
  const host = form.apiKey.trim() ? plainHttpRemote(form.baseUrl) : undefined;
  return host && t('httpKeyWarning', host);
}

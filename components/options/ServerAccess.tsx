import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { t } from '../../utils/i18n';
import { saveProfile, type Profile } from '../../utils/settings/items';
import { askAccess, serverPattern } from '../all-sites';

/**
 * Save: the profile is stored at once; for a server outside the built-in hosts, host access is asked for in the
 * same click, and the status says that the browser is waiting for the user's answer, then what the answer means.
 */
export function saveWithAccess(profile: Profile, setStatus: (s: string) => void, afterSave: () => Promise<void>): void {
  const server = serverPattern(profile.baseUrl);
  let saved = false;
  let asking = false;
  const waiting = () => saved && asking && setStatus(t('savedWaitingAccess', profile.name, profile.baseUrl));
  const access = server ? askAccess([server.pattern], () => ((asking = true), waiting())) : Promise.resolve(true);
  void (async () => {
    await saveProfile(profile);
    await afterSave();
    saved = true;
    waiting();
    const ok = await access;
    asking = false;
    setStatus(ok ? t('saved', profile.name) : t('savedNoAccess', profile.name, profile.baseUrl));
  })();
}

/** Whether Glimpse may reach the form's server; when not, it says so and offers to ask again. */
export function ServerAccess({ baseUrl, setStatus }: { baseUrl: string; setStatus: (s: string) => void }) {
  const server = serverPattern(baseUrl);
  const [granted, setGranted] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    if (!server) return;
    const check = () => void browser.permissions.contains({ origins: [server.pattern] }).then(setGranted, () => setGranted(false));
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, [server?.pattern]);
  if (!server || granted !== false) return null;
  const allow = () => {
    const answer = askAccess([server.pattern], () => setStatus(t('hostWaiting', server.host)));
    void answer.then((ok) => setStatus(t(ok ? 'hostGranted' : 'hostRefused', server.host)));
  };
  return (
    <p className="hint" data-testid="server-access">
      {t('hostNoAccess', server.host)}{' '}
      <button type="button" onClick={allow}>{t('allowHost', server.host)}</button>
    </p>
  );
}

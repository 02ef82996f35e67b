import { useEffect, useState } from 'react';
import { t } from '../../utils/i18n';
import { defaultProfileIdItem, saveProfile, type Profile } from '../../utils/settings/items';

type State = 'checking' | 'available' | 'downloadable' | 'absent';

interface LanguageModelApi {
  availability(o: { expectedInputs: { type: string }[] }): Promise<string>;
}

/** Onboarding: offer Chrome's built-in model as the zero-setup default where it exists, else point to keys or Ollama. */
export function OnDeviceOffer({ hasProfiles, onAdded }: { hasProfiles: boolean; onAdded: (p: Profile) => void }) {
  const [state, setState] = useState<State>('checking');
  const [status, setStatus] = useState('');
  useEffect(() => {
    const LM = (globalThis as { LanguageModel?: LanguageModelApi }).LanguageModel;
    if (!LM) return setState('absent');
    LM.availability({ expectedInputs: [{ type: 'image' }] }).then(
      (a) => setState(a === 'available' ? 'available' : a === 'downloadable' || a === 'downloading' ? 'downloadable' : 'absent'),
      () => setState('absent'),
    );
  }, []);
  if (state === 'checking' || (hasProfiles && state === 'absent')) return null;
  const use = async () => {
    const p: Profile = { id: crypto.randomUUID(), name: 'On-device (Chrome)', provider: 'chrome-ai', baseUrl: '', apiKey: '', model: 'gemini-nano' };
    await saveProfile(p);
    await defaultProfileIdItem.setValue(p.id);
    setStatus(t('onDeviceAdded'));
    onAdded(p);
  };
  return (
    <section aria-labelledby="ondevice-heading" className="notice-box" data-testid="on-device">
      <h2 id="ondevice-heading">{t('onDeviceHeading')}</h2>
      <p>{state === 'available' ? t('onDeviceAvailable') : state === 'downloadable' ? t('onDeviceDownloadable') : t('onDeviceAbsent')}</p>
      {state !== 'absent' && <button type="button" onClick={() => void use()}>{t('onDeviceUse')}</button>}
      <p aria-live="polite" className="meta">{status}</p>
    </section>
  );
}

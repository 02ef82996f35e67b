import { useEffect, useState } from 'react';
import { requestAllSites } from '../all-sites';
import { browser } from 'wxt/browser';
import { t } from '../../utils/i18n';
import { ALL_SITES } from '../../utils/worker/pointer-memory';
import { skipPickerItem } from '../../utils/settings/items';

/** The opt-in that lets a right-click skip the picker (utils/worker/pointer-memory.ts). */
export function CaptureSettings() {
  const [on, setOn] = useState<boolean | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    void Promise.all([skipPickerItem.getValue(), browser.permissions.contains(ALL_SITES)]).then(([want, granted]) => setOn(want && granted));
  }, []);
  if (on === null) return null;
  const toggle = (next: boolean) => {
    // Asked for in the click itself: browsers allow the prompt only during a user gesture.
    const granted = next ? requestAllSites() : Promise.resolve(true);
    void granted.then(async (ok) => {
      if (!ok) return setStatus(t('skipPickerDenied'));
      await skipPickerItem.setValue(next);
      setOn(next);
      setStatus(t(next ? 'skipPickerOn' : 'skipPickerOff'));
    });
  };
  return (
    <section aria-labelledby="capture-heading">
      <h2 id="capture-heading">{t('captureHeading')}</h2>
      <label className="check">
        <input type="checkbox" checked={on} onChange={(e) => toggle(e.target.checked)} aria-describedby="skip-picker-hint" /> {t('skipPicker')}
      </label>
      <p id="skip-picker-hint" className="hint">{t('skipPickerHint')}</p>
      <p aria-live="polite" className="meta">{status}</p>
    </section>
  );
}

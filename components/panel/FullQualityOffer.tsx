import { useState } from 'react';
import { t } from '../../utils/i18n';
import { sendMessage } from '../../utils/messages';
import { requestAllSites } from '../all-sites';

/** An image cropped from the screen because Glimpse may not download from its site: its original file, once allowed. */
export function FullQualityOffer({ threadId, onError }: { threadId: string; onError: (m: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const take = () => {
    const granted = requestAllSites(() => setWaiting(true));
    setBusy(true);
    void granted
      .then(async (ok) => {
        if (ok) await sendMessage('recapture', { threadId });
        else onError(t('fullQualityDenied'));
      })
      .catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)))
      .finally(() => {
        setBusy(false);
        setWaiting(false);
      });
  };
  return (
    <>
      <button type="button" disabled={busy} onClick={take} data-testid="full-quality">
        {t('allowAllSites')}
      </button>
      {waiting && <p role="status" className="hint">{t('fullQualityWaiting')}</p>}
    </>
  );
}

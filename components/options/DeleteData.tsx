import { useState } from 'react';
import { t } from '../../utils/i18n';
import { deleteAllData } from '../../utils/store/delete-data';

/** Delete all data: what goes and what stays is said before the confirmation, and again in it. */
export function DeleteData() {
  const [everything, setEverything] = useState(false);
  const [status, setStatus] = useState('');
  const run = () => {
    if (!confirm(t(everything ? 'confirmDeleteEverything' : 'confirmDeleteAllData'))) return;
    setStatus(t('deletingData'));
    void deleteAllData(everything)
      .then(() => setStatus(t(everything ? 'deletedEverything' : 'deletedAllData')))
      .catch((e: unknown) => setStatus(t('deleteDataFailed', e instanceof Error ? e.message : String(e))));
  };
  return (
    <section aria-labelledby="delete-data-heading">
      <h2 id="delete-data-heading">{t('deleteDataHeading')}</h2>
      <p id="delete-data-hint" className="hint">{t('deleteDataHint')}</p>
      <label>
        <input type="checkbox" checked={everything} onChange={(e) => setEverything(e.target.checked)} /> {t('deleteDataAlsoSettings')}
      </label>
      <div className="row">
        <button type="button" onClick={run} aria-describedby="delete-data-hint">{t('deleteAllData')}</button>
      </div>
      <p aria-live="polite" className="meta" data-testid="delete-data-status">{status}</p>
    </section>
  );
}

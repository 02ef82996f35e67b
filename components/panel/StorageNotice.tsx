import { useEffect, useState } from 'react';
import { t, tPlural } from '../../utils/i18n';
import { droppedImagesItem, type DroppedNotice } from '../../utils/store/storage-budget';

/** Tells the user, once, that old full-size images were removed to save space. */
export function StorageNotice() {
  const [notice, setNotice] = useState<DroppedNotice | null>(null);
  useEffect(() => {
    void droppedImagesItem.getValue().then(setNotice);
    return droppedImagesItem.watch(setNotice);
  }, []);
  if (!notice) return null;
  return (
    <div className="notice-box" role="note" data-testid="storage-notice">
      <p>{tPlural('storageDropped', notice.count)}</p>
      <button type="button" onClick={() => void droppedImagesItem.setValue(null)}>{t('dismiss')}</button>
    </div>
  );
}

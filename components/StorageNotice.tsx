import { useEffect, useState } from 'react';
import { droppedImagesItem, type DroppedNotice } from '../utils/storage-budget';

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
      <p>
        To save space, Glimpse removed the full-size copies of {notice.count} older {notice.count === 1 ? 'image' : 'images'}. Their
        thumbnails and every answer are kept; to ask more about one of them, capture it again.
      </p>
      <button type="button" onClick={() => void droppedImagesItem.setValue(null)}>Dismiss</button>
    </div>
  );
}

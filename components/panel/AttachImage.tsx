import { useState } from 'react';
import { t } from '../../utils/i18n';
import { sendMessage } from '../../utils/messages';
import { askAccess } from '../all-sites';

export const readAsDataUrl = (file: Blob) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(new Error(t('fileUnreadable')));
    r.readAsDataURL(file);
  });

/** Paste an image URL; Glimpse downloads the bytes in the worker and attaches them. */
export function AttachImage({ onAttached, onError }: { onAttached: (threadId: string) => void; onError: (m: string) => void }) {
  const [url, setUrl] = useState('');
  const [waiting, setWaiting] = useState('');
  const attach = () => {
    let origin: string;
    try {
      const u = new URL(url.trim());
      if (u.protocol === 'data:') origin = '';
      else if (!/^https?:$/.test(u.protocol)) throw new Error();
      else origin = `${u.protocol}//${u.hostname}/*`;
    } catch {
      onError(t('notImageAddress'));
      return;
    }
    // Requested inside the user's gesture; resolves at once when access is already granted.
    const host = origin && new URL(url.trim()).hostname;
    const granted = origin ? askAccess([origin], () => setWaiting(t('attachWaiting', host))) : Promise.resolve(true);
    void granted
      .then((ok) => {
        setWaiting('');
        if (!ok) throw new Error(t('downloadNotAllowed', host));
        return sendMessage('attachImage', { url: url.trim(), method: 'url' });
      })
      .then((threadId) => {
        setUrl('');
        onAttached(threadId);
      })
      .catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <form className="attach" onSubmit={(e) => (e.preventDefault(), attach())}>
      <label htmlFor="image-url">{t('imageUrl')}</label>
      <input id="image-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" />
      <button type="submit" disabled={!url.trim()}>{t('attachImage')}</button>
      <p className="hint">{t('attachHint')}</p>
      {waiting && <p role="status" className="hint">{waiting}</p>}
    </form>
  );
}

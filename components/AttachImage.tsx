import { useState } from 'react';
import { browser } from 'wxt/browser';
import { sendMessage } from '../utils/messages';

export const readAsDataUrl = (file: Blob) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(new Error('The file could not be read.'));
    r.readAsDataURL(file);
  });

/** Paste an image URL; Glimpse downloads the bytes in the worker and attaches them. */
export function AttachImage({ onAttached, onError }: { onAttached: (threadId: string) => void; onError: (m: string) => void }) {
  const [url, setUrl] = useState('');
  const attach = () => {
    let origin: string;
    try {
      const u = new URL(url.trim());
      if (u.protocol === 'data:') origin = '';
      else if (!/^https?:$/.test(u.protocol)) throw new Error();
      else origin = `${u.protocol}//${u.hostname}/*`;
    } catch {
      onError('That is not an image address. Paste a URL that starts with https://');
      return;
    }
    // Requested inside the user's gesture; resolves at once when access is already granted.
    const granted = origin ? browser.permissions.request({ origins: [origin] }).catch(() => false) : Promise.resolve(true);
    void granted
      .then((ok) => {
        if (!ok) throw new Error(`Glimpse was not allowed to download from ${new URL(url).hostname}, so nothing was fetched.`);
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
      <label htmlFor="image-url">Image URL</label>
      <input id="image-url" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" />
      <button type="submit" disabled={!url.trim()}>Attach image</button>
      <p className="hint">Or paste or drop an image anywhere in this panel.</p>
    </form>
  );
}

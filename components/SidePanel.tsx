import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { browser } from 'wxt/browser';
import { db } from '../utils/db';
import { sendMessage } from '../utils/messages';
import { AttachImage, readAsDataUrl } from './AttachImage';
import { HistoryList } from './HistoryList';
import { ThreadView, type ThreadHandle } from './ThreadView';
import { useAnnouncer } from './useAnnouncer';

export function SidePanel() {
  const newest = useLiveQuery(() => db.threads.orderBy('createdAt').last());
  const [selected, setSelected] = useState<string | null>(null);
  const picked = useLiveQuery(() => (selected ? db.threads.get(selected) : undefined), [selected]);
  const thread = picked ?? newest;
  const [error, setError] = useState('');
  const announcement = useAnnouncer();
  const view = useRef<ThreadHandle>(null);
  const lastNewest = useRef<string | undefined | null>(null);

  // A new capture takes over the panel and receives focus.
  useEffect(() => {
    if (newest === undefined && lastNewest.current === null) return;
    const id = newest?.id;
    if (lastNewest.current !== null && id && id !== lastNewest.current) {
      setSelected(null);
      setError('');
      void db.entries.where('threadId').equals(id).count().then((n) =>
        requestAnimationFrame(() => (n ? view.current?.focusAnswer() : view.current?.focusAsk())),
      );
    }
    lastNewest.current = id;
  }, [newest]);

  const attachFile = async (file: File, method: 'paste' | 'drop') => {
    if (!file.type.startsWith('image/')) return setError(`“${file.name}” is not an image, so it was not attached.`);
    try {
      await sendMessage('attachImage', { url: await readAsDataUrl(file), method, name: file.name });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const file = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
      if (file) {
        e.preventDefault();
        void attachFile(file, 'paste');
      }
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);

  const onDrop = (e: DragEvent) => {
    const file = e.dataTransfer.files[0];
    if (!file) return;
    e.preventDefault();
    void attachFile(file, 'drop');
  };

  return (
    <div className="panel" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <header>
        <h1>Glimpse</h1>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>Options</button>
      </header>
      <main>
        {error && (
          <div role="alert" className="error">
            <p>{error}</p>
            <button type="button" onClick={() => setError('')}>Dismiss</button>
          </div>
        )}
        {thread ? (
          <ThreadView key={thread.id} ref={view} thread={thread} onError={setError} />
        ) : (
          (
            <section className="empty" aria-labelledby="empty-heading">
              <h2 id="empty-heading">No captures yet</h2>
              <p>Right-click an image on a page and choose <strong>Describe image</strong>, use <strong>Capture a region…</strong>, or paste or drop an image here.</p>
            </section>
          )
        )}
        <AttachImage onAttached={(id) => setSelected(id)} onError={setError} />
        <HistoryList currentThreadId={thread?.id} onOpen={(id) => setSelected(id)} />
      </main>
      <div className="sr-only" role="status" aria-live="polite" data-testid="announcer">{announcement}</div>
    </div>
  );
}

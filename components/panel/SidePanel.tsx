import { LabelSection } from './LabelSection';
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useEffect, useRef, useState, type DragEvent } from 'react';
import { browser } from 'wxt/browser';
import { db } from '../../utils/store/db';
import { t, tParts } from '../../utils/i18n';
import { sendMessage } from '../../utils/messages';
import { isSvgFile, rasteriseSvg } from '../../utils/image/svg-raster';
import { AttachImage, readAsDataUrl } from './AttachImage';
import { HistoryList } from './HistoryList';
import { StorageNotice } from './StorageNotice';
import { ThreadView } from './ThreadView';
import { Announcer } from '../Announcer';
import { ErrorBoundary } from '../views/ErrorBoundary';

// The audit brings its collector and exporters (papaparse): loaded when the user opens it.
const AuditView = lazy(() => import('../views/AuditView').then((m) => ({ default: m.AuditView })));

const FRESH_MS = 10_000;

/** The empty-state hint, with the two menu items it names in bold. */
const emptyHint = () => {
  const menu = [t('menuDescribe'), t('menuRegion')];
  return tParts('emptyHint', 2).map((part, i) => (typeof part === 'number' ? <strong key={i}>{menu[part]}</strong> : part));
};

export function SidePanel() {
  // 'loading' until the first query answers, so a later capture can be told from the initial state.
  const newest = useLiveQuery(async () => (await db.threads.orderBy('createdAt').last()) ?? null, [], 'loading' as const);
  const [selected, setSelected] = useState<string | null>(null);
  const picked = useLiveQuery(() => (selected ? db.threads.get(selected) : undefined), [selected]);
  const thread = picked ?? (newest === 'loading' ? undefined : (newest ?? undefined));
  const [error, setError] = useState('');
  const [auditOpen, setAuditOpen] = useState(false);
  const [focusThread, setFocusThread] = useState<string | null>(null);
  const lastNewest = useRef<string | null | undefined>(undefined);
  // On the panel's first load focus goes to a fresh capture only if the user has not moved it already.
  const politeFocus = useRef(false);

  // A new capture takes over the panel and receives focus.
  useEffect(() => {
    if (newest === 'loading') return;
    const id = newest?.id ?? null;
    // The panel often opens because of the capture itself: a thread seconds old is "new" too.
    const fresh = lastNewest.current === undefined && !!newest && Date.now() - newest.createdAt < FRESH_MS;
    if (id && (fresh || (lastNewest.current !== undefined && id !== lastNewest.current))) {
      setSelected(null);
      // A capture that arrives while the panel is open replaces an old error; the panel's first load must not
      // wipe an error the user has just caused (e.g. a refused drop).
      if (!fresh) setError('');
      politeFocus.current = fresh;
      setFocusThread(id);
    }
    lastNewest.current = id;
  }, [newest]);

  const attachFile = async (file: File, method: 'paste' | 'drop') => {
    if (!file.type.startsWith('image/') && !isSvgFile(file)) return setError(t('notAnImage', file.name));
    try {
      const bytes = isSvgFile(file) ? await rasteriseSvg(file, t('svgUnreadable')) : file;
      await sendMessage('attachImage', { url: await readAsDataUrl(bytes), method, name: file.name });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  useEffect(() => {
    // An answer still "streaming" may belong to a worker Chrome has ended; waking it settles that.
    void sendMessage('recover', undefined).catch(() => undefined);
  }, []);

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
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>{t('panelOptions')}</button>
      </header>
      <main>
        <StorageNotice />
        <button type="button" className="disclosure" aria-expanded={auditOpen} aria-controls="audit-region" onClick={() => setAuditOpen(!auditOpen)}>
          {t('auditToggle')}
        </button>
        <LabelSection onError={setError} />
        {auditOpen && <div id="audit-region"><ErrorBoundary><Suspense fallback={<p>{t('loading')}</p>}><AuditView onError={setError} /></Suspense></ErrorBoundary></div>}
        {error && (
          <div role="alert" className="error">
            <p>{error}</p>
            <button type="button" onClick={() => setError('')}>{t('dismiss')}</button>
          </div>
        )}
        {thread ? (
          <ErrorBoundary key={thread.id}><ThreadView
            thread={thread}
            onError={setError}
            takeFocus={focusThread === thread.id}
            politeFocus={politeFocus.current}
            onFocused={() => setFocusThread(null)}
          /></ErrorBoundary>
        ) : (
          (
            <section className="empty" aria-labelledby="empty-heading">
              <h2 id="empty-heading">{t('emptyHeading')}</h2>
              <p>{emptyHint()}</p>
            </section>
          )
        )}
        <AttachImage onAttached={(id) => setSelected(id)} onError={setError} />
        <ErrorBoundary><HistoryList onOpen={setSelected} onError={setError} /></ErrorBoundary>
      </main>
      <Announcer />
    </div>
  );
}

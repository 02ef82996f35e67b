import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { db, type Entry, type Thread } from '../../utils/store/db';
import { t, type MessageName } from '../../utils/i18n';
import { AnswerCard, type AnswerContext } from './AnswerCard';
import { AskBox } from './AskBox';
import { FullQualityOffer } from './FullQualityOffer';
import { presetTitle } from '../preset-text';
import { ThreadActions } from './ThreadActions';
import { ErrorBoundary } from '../views/ErrorBoundary';
import { TileStrip } from './TileStrip';

const METHOD: Record<string, MessageName> = {
  'data-url': 'methodDataUrl',
  'worker-fetch': 'methodWorkerFetch',
  'page-read': 'methodPageRead',
  'screenshot-crop': 'methodScreenshotCrop',
  region: 'methodRegion',
  'visible-tab': 'methodVisibleTab',
  'full-page': 'methodFullPage',
  paste: 'methodPaste',
  drop: 'methodDrop',
  url: 'methodUrl',
};

const method = (m: string): string => (Object.hasOwn(METHOD, m) ? t(METHOD[m]!) : m);

interface Props {
  thread: Thread;
  onError: (m: string) => void;
  /** Move focus here once ready: to the answer, or to the question box when there is none yet. */
  takeFocus?: boolean;
  /** Leave focus alone if the user has already put it somewhere (the panel opened on a recent capture). */
  politeFocus?: boolean;
  onFocused?: () => void;
}

export function ThreadView({ thread, onError, takeFocus, politeFocus, onFocused }: Props) {
  const image = useLiveQuery(() => (thread.imageId ? db.images.get(thread.imageId) : undefined), [thread.imageId]);
  const entries = useLiveQuery(() => db.entries.where('threadId').equals(thread.id).sortBy('createdAt'), [thread.id]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const askRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!takeFocus || !entries || (thread.imageId && !image)) return;
    const busy = document.activeElement && document.activeElement !== document.body;
    if (!(politeFocus && busy)) (entries.length || !askRef.current ? headingRef.current : askRef.current)?.focus();
    onFocused?.();
  }, [takeFocus, politeFocus, entries, image, thread.imageId, onFocused]);
  const src = image?.source ?? thread.source;
  const ctx = (e: Entry): AnswerContext => ({
    pageTitle: src?.pageTitle,
    thumb: image?.thumb,
    src: src?.srcUrl,
    check: (entries ?? []).filter((o) => o.presetId === e.presetId && o.createdAt > e.createdAt && o.status === 'done').at(-1),
  });
  return (
    <section className="thread" aria-labelledby={`thread-${thread.id}`} data-testid="thread">
      <h2 id={`thread-${thread.id}`} ref={headingRef} tabIndex={-1}>{presetTitle({ id: thread.presetId, title: thread.title })}</h2>
      <div className="provenance">
        {image && <img className="thumb" src={image.thumb} alt={t('thumbnailAlt')} data-testid="thumbnail" />}
        <div>
          {src?.pageTitle && <p className="page-title">{src.pageTitle}</p>}
          {src?.pageUrl && <p className="url">{src.pageUrl}</p>}
          {image && (
            <p className="meta">
              {image.width}×{image.height} {image.mime.replace('image/', '').toUpperCase()} · {method(image.source.method)}
              {src?.element ? ` · ${src.element}` : ''}
            </p>
          )}
          {image?.notes.map((n) => <p key={n} className="meta">{n}</p>)}
          {image?.tiles && image.tiles.length > 1 && <TileStrip tiles={image.tiles} />}
          {src?.lacksAccess && src.srcUrl && <FullQualityOffer threadId={thread.id} onError={onError} />}
        </div>
      </div>
      <div role="region" aria-label={t('answersRegion')} className="answers">
        {groupByCompare(entries ?? []).map((g) =>
          g.length === 1 ? (
            <ErrorBoundary key={g[0]!.id}><AnswerCard entry={g[0]!} onError={onError} context={ctx(g[0]!)} /></ErrorBoundary>
          ) : (
            <div key={g[0]!.id} className="compare" role="group" aria-label={t('compareGroup')} data-testid="compare">
              {g.map((e) => <ErrorBoundary key={e.id}><AnswerCard entry={e} onError={onError} context={ctx(e)} /></ErrorBoundary>)}
            </div>
          ),
        )}
      </div>
      {image && <AskBox ref={askRef} threadId={thread.id} onError={onError} />}
      {image && <ThreadActions threadId={thread.id} onError={onError} />}
    </section>
  );
}

/** Consecutive answers started by one Compare form one group. */
function groupByCompare(entries: Entry[]): Entry[][] {
  const out: Entry[][] = [];
  for (const e of entries) {
    const last = out.at(-1);
    if (e.compareGroup && last?.[0]?.compareGroup === e.compareGroup) last.push(e);
    else out.push([e]);
  }
  return out;
}

import { useLiveQuery } from 'dexie-react-hooks';
import { forwardRef, useImperativeHandle, useRef } from 'react';
import { db, type Thread } from '../utils/db';
import { AnswerCard } from './AnswerCard';
import { AskBox } from './AskBox';

export interface ThreadHandle {
  focusAnswer(): void;
  focusAsk(): void;
}

const METHOD: Record<string, string> = {
  'data-url': 'decoded from a data: URL',
  'worker-fetch': 'original file downloaded',
  'page-read': 'read in the page',
  'screenshot-crop': 'cropped from a screenshot',
  region: 'region of a screenshot',
  'visible-tab': 'screenshot of the tab',
  paste: 'pasted',
  drop: 'dropped',
  url: 'downloaded from a URL',
};

export const ThreadView = forwardRef<ThreadHandle, { thread: Thread; onError: (m: string) => void }>(
  function ThreadView({ thread, onError }, ref) {
    const image = useLiveQuery(() => (thread.imageId ? db.images.get(thread.imageId) : undefined), [thread.imageId]);
    const entries = useLiveQuery(() => db.entries.where('threadId').equals(thread.id).sortBy('createdAt'), [thread.id]) ?? [];
    const headingRef = useRef<HTMLHeadingElement>(null);
    const askRef = useRef<HTMLTextAreaElement>(null);
    useImperativeHandle(ref, () => ({
      focusAnswer: () => headingRef.current?.focus(),
      focusAsk: () => askRef.current?.focus(),
    }));
    const src = image?.source ?? thread.source;
    return (
      <section className="thread" aria-labelledby={`thread-${thread.id}`} data-testid="thread">
        <h2 id={`thread-${thread.id}`} ref={headingRef} tabIndex={-1}>{thread.title}</h2>
        <div className="provenance">
          {image && <img className="thumb" src={image.thumb} alt="The captured image (thumbnail)" data-testid="thumbnail" />}
          <div>
            {src?.pageTitle && <p className="page-title">{src.pageTitle}</p>}
            {src?.pageUrl && <p className="url">{src.pageUrl}</p>}
            {image && (
              <p className="meta">
                {image.width}×{image.height} {image.mime.replace('image/', '').toUpperCase()} · {METHOD[image.source.method] ?? image.source.method}
                {src?.element ? ` · ${src.element}` : ''}
              </p>
            )}
            {image?.notes.map((n) => <p key={n} className="meta">{n}</p>)}
          </div>
        </div>
        <div role="region" aria-label="Answers" className="answers">
          {entries.map((e) => <AnswerCard key={e.id} entry={e} onError={onError} />)}
        </div>
        {image && <AskBox ref={askRef} threadId={thread.id} onError={onError} />}
      </section>
    );
  },
);

import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../utils/db';

/** One history row, loaded when it scrolls into view. */
export function HistoryRow({ id, onOpen, onDelete }: { id: string | undefined; onOpen: (threadId: string) => void; onDelete: (id: string) => void }) {
  const e = useLiveQuery(() => (id ? db.entries.get(id) : undefined), [id]);
  if (!e) return <div className="h-row" aria-busy="true" />;
  const title = `${e.question ?? e.presetId} · ${new Date(e.createdAt).toLocaleString()}`;
  return (
    <div className="h-row">
      <button type="button" className="h-open" onClick={() => onOpen(e.threadId)}>
        <span className="h-title">{title}{e.status !== 'done' ? ` · ${e.status}` : ''}</span>
        <span className="h-text">{(e.text || e.error?.message || '').slice(0, 240)}</span>
      </button>
      <button type="button" className="h-delete" aria-label={`Delete: ${title}`} onClick={() => onDelete(e.id)}>Delete</button>
    </div>
  );
}

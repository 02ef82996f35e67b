import { useLiveQuery } from 'dexie-react-hooks';
import { db, type EntryStatus } from '../utils/db';
import { t, type MessageName } from '../utils/i18n';

const STATUS: Record<Exclude<EntryStatus, 'done'>, MessageName> = {
  streaming: 'rowStreaming',
  stopped: 'rowStopped',
  failed: 'rowFailed',
  interrupted: 'rowInterrupted',
};

/** One history row, loaded when it scrolls into view. */
export function HistoryRow({ id, onOpen, onDelete }: { id: string | undefined; onOpen: (threadId: string) => void; onDelete: (id: string) => void }) {
  const e = useLiveQuery(() => (id ? db.entries.get(id) : undefined), [id]);
  if (!e) return <div className="h-row" aria-busy="true" />;
  const title = `${e.question ?? e.presetId} · ${new Date(e.createdAt).toLocaleString()}`;
  return (
    <div className="h-row">
      <button type="button" className="h-open" onClick={() => onOpen(e.threadId)}>
        <span className="h-title">{title}{e.status !== 'done' ? ` · ${t(STATUS[e.status])}` : ''}</span>
        <span className="h-text">{(e.text || e.error?.message || '').slice(0, 240)}</span>
      </button>
      <button type="button" className="h-delete" aria-label={t('deleteRow', title)} onClick={() => onDelete(e.id)}>{t('delete')}</button>
    </div>
  );
}

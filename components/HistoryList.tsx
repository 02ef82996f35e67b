import { useLiveQuery } from 'dexie-react-hooks';
import { db, type Entry } from '../utils/db';

/** Earlier entries, newest first, each with its text; choosing one opens its thread. */
export function HistoryList({ currentThreadId, onOpen }: { currentThreadId?: string; onOpen: (threadId: string) => void }) {
  const entries = useLiveQuery(() => db.entries.orderBy('createdAt').reverse().limit(200).toArray()) ?? [];
  const items = entries.filter((e: Entry) => e.threadId !== currentThreadId);
  return (
    <nav aria-labelledby="history-heading" className="history" data-testid="history">
      <h2 id="history-heading">History</h2>
      {items.length === 0 ? (
        <p className="empty">Earlier answers will appear here.</p>
      ) : (
        <ul>
          {items.map((e) => (
            <li key={e.id} data-testid="history-item">
              <button type="button" onClick={() => onOpen(e.threadId)}>
                <span className="h-title">{e.question ?? e.presetId} · {new Date(e.createdAt).toLocaleString()}</span>
                <span className="h-text">{(e.text || e.error?.message || '').slice(0, 240)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

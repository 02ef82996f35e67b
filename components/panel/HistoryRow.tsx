import { memo } from 'react';
import type { EntryStatus } from '../../utils/store/db';
import type { HistoryRowData } from '../../utils/store/history';
import { t, type MessageName } from '../../utils/i18n';

const STATUS: Record<Exclude<EntryStatus, 'done'>, MessageName> = {
  streaming: 'rowStreaming',
  stopped: 'rowStopped',
  failed: 'rowFailed',
  interrupted: 'rowInterrupted',
};

// One formatter for every row: toLocaleString would build a new one per call. Same fields as its default.
let format: Intl.DateTimeFormat | undefined;
const formatter = () =>
  (format ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }));
const when = (ms: number) => formatter().format(ms);

/** The first formatter loads the locale's calendar data (tens of ms): done while idle, not in the render that shows the first row. */
export const warmDateFormat = () => void formatter().format(0);

interface Props {
  row: HistoryRowData | undefined;
  onOpen: (threadId: string) => void;
  onDelete: (id: string) => void;
}

/** One history row; the list reads a whole window of rows at once, so a row does no query of its own. */
export const HistoryRow = memo(function HistoryRow({ row, onOpen, onDelete }: Props) {
  if (!row) return <div className="h-row" aria-busy="true" />;
  const title = `${row.question ?? row.presetId} · ${when(row.createdAt)}`;
  return (
    <div className="h-row">
      <button type="button" className="h-open" onClick={() => onOpen(row.threadId)}>
        <span className="h-title">{title}{row.status !== 'done' ? ` · ${t(STATUS[row.status])}` : ''}</span>
        <span className="h-text">{row.preview}</span>
      </button>
      <button type="button" className="h-delete" aria-label={t('deleteRow', title)} onClick={() => onDelete(row.id)}>{t('delete')}</button>
    </div>
  );
});

import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { db, type EntryStatus } from '../utils/store/db';
import { t, type MessageName } from '../utils/i18n';

const SAY: Partial<Record<EntryStatus, MessageName>> = {
  done: 'answerComplete',
  stopped: 'answerStopped',
  interrupted: 'answerInterrupted',
};

/** Announces the start and end of answers, never each token. */
export function useAnnouncer(): string {
  const recent = useLiveQuery(() => db.entries.orderBy('createdAt').reverse().limit(8).toArray());
  const seen = useRef<Map<string, EntryStatus> | null>(null);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!recent) return;
    if (!seen.current) {
      seen.current = new Map(recent.map((e) => [e.id, e.status]));
      return;
    }
    for (const e of recent) {
      const before = seen.current.get(e.id);
      if (before === e.status) continue;
      seen.current.set(e.id, e.status);
      if (e.status === 'streaming' && !before) setMessage(t('answerStarted'));
      else if (e.status === 'failed') setMessage(t('answerFailed', e.error?.message ?? ''));
      else if (SAY[e.status]) setMessage(t(SAY[e.status]!));
    }
  }, [recent]);
  return message;
}

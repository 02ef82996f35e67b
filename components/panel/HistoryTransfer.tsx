import { useRef, useState } from 'react';
import { exportHistory, importHistory } from '../../utils/store/history';
import { t } from '../../utils/i18n';

/** Export all history as JSON, or import such a file (merged by id). */
export function HistoryTransfer({ onError }: { onError: (m: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState('');
  const doExport = async () => {
    const url = URL.createObjectURL(new Blob([await exportHistory()], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `glimpse-history-${new Date().toISOString().slice(0, 10)}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const [busy, setBusy] = useState(false);
  const doImport = async (file: File) => {
    // A large history takes seconds; say so, and take no second file meanwhile.
    setBusy(true);
    setStatus(t('importing', file.name));
    try {
      const n = await importHistory(await file.text());
      setStatus(t('imported', n.entries, n.threads));
    } catch (e) {
      setStatus('');
      onError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={() => void doExport().catch((e: unknown) => onError(String(e)))}>{t('exportHistory')}</button>
      <button type="button" disabled={busy} onClick={() => input.current?.click()}>{t('importHistory')}</button>
      <input ref={input} type="file" accept="application/json,.json" hidden aria-hidden="true" tabIndex={-1}
        onChange={(e) => { const f = e.target.files?.[0]; if (f) void doImport(f); e.target.value = ''; }} />
      {status && <span role="status" className="meta">{status}</span>}
    </>
  );
}

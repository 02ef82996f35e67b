import { useLiveQuery } from 'dexie-react-hooks';
import { requestAllSites } from '../all-sites';
import { useEffect, useState } from 'react';
import { auditCSV, auditHTML, auditJSON } from '../../utils/audit/export';
import { db, type Audit } from '../../utils/store/db';
import { t, tPlural } from '../../utils/i18n';
import { sendMessage } from '../../utils/messages';
import { estimateCost, overBudget, REQUEST_TOKEN_BUDGET } from '../../utils/settings/pricing';
import { auditPrompt } from '../../utils/audit/prompt';
import { AuditRow } from './AuditRow';
import { useAnswerSettings, useProfiles } from '../hooks';
import { ErrorBoundary } from './ErrorBoundary';

function save(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Audit this page": every image with its alt-text verdict, batch generation with cost first, exports. */
export function AuditView({ onError }: { onError: (m: string) => void }) {
  // The audit just started is read by its id: that shows at once, without waiting for the newest-first query.
  const [startedId, setStartedId] = useState<string>();
  const audit = useLiveQuery(() => (startedId ? db.audits.get(startedId) : db.audits.orderBy('createdAt').last()), [startedId]);
  const profile = useProfiles().find((p) => p.isDefault);
  const settings = useAnswerSettings();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    // Default selection: the flagged images.
    setSelected(new Set(audit?.items.filter((i) => i.verdicts.length).map((i) => i.key) ?? []));
  }, [audit?.id]);
  useEffect(() => {
    if (!audit?.retryAt) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [audit?.retryAt]);

  const start = () => {
    // Asked inside the click: reading the page and downloading its images need host access.
    const granted = requestAllSites();
    setBusy(true);
    void granted
      .then(async (ok) => {
        if (!ok) throw new Error(t('auditNeedsAccess'));
        setStartedId(await sendMessage('startAudit', {}));
      })
      .catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };

  const items = audit?.items ?? [];
  const chosen = items.filter((i) => selected.has(i.key));
  // From the prompts the batch will really send (page text cut as in the request); the image at its page size.
  const estimates = profile && audit
    ? chosen.map((i) => estimateCost(profile, { width: Math.max(1, i.width), height: Math.max(1, i.height) }, auditPrompt(audit, i, { maxLength: settings.altMaxLength, language: settings.language || undefined })))
    : [];
  const cost = profile ? estimates.reduce((sum, e) => sum + (e.usd ?? NaN), 0) : NaN;
  const refused = estimates.filter((e) => overBudget(e)).length;
  const active = items.filter((i) => i.status === 'queued' || i.status === 'running');
  const done = items.filter((i) => i.status === 'done').length;
  const flagged = items.filter((i) => i.verdicts.length).length;
  const costText = Number.isNaN(cost) ? t('costUnknown') : cost === 0 ? t('costFree') : t('costAbout', `$${cost.toFixed(cost < 0.1 ? 4 : 2)}`);
  const toggle = (key: string) => setSelected((s) => (s.has(key) ? (s.delete(key), new Set(s)) : new Set(s.add(key))));
  const generate = () =>
    void sendMessage('auditGenerate', { auditId: audit!.id, keys: [...selected], maxLength: settings.altMaxLength, language: settings.language || undefined }).catch((e: unknown) => onError(String(e)));

  return (
    <section aria-labelledby="audit-heading" className="audit" data-testid="audit" data-audit-id={audit?.id}>
      <h2 id="audit-heading">{t('auditHeading')}</h2>
      <button type="button" onClick={start} disabled={busy}>{t('auditStart')}</button>
      {audit && <Summary audit={audit} flagged={flagged} />}
      {audit && items.length > 0 && (
        <>
          <p className="meta" data-testid="audit-estimate">
            {profile ? t('auditEstimate', chosen.length, costText, profile.name, profile.model) : t('auditEstimateNoProfile', chosen.length, costText)}
          </p>
          {refused > 0 && <p className="warning" data-testid="audit-over-budget">{t('auditOverBudget', refused, REQUEST_TOKEN_BUDGET)}</p>}
          <div className="row">
            <button type="button" disabled={!chosen.length || !profile || active.length > 0} onClick={generate}>
              {tPlural('auditGenerate', chosen.length)}
            </button>
            {active.length > 0 && <button type="button" onClick={() => void sendMessage('auditCancel', { auditId: audit.id })}>{t('auditCancel')}</button>}
          </div>
          {(active.length > 0 || done > 0) && (
            <p>
              <label htmlFor="audit-progress">{t('auditProgress')}</label>{' '}
              <progress id="audit-progress" max={done + active.length || 1} value={done} data-testid="audit-progress" /> {t('auditDone', done)}
              {audit.retryAt && audit.retryAt > now && <span data-testid="audit-retrying"> · {t('auditRateLimited', Math.ceil((audit.retryAt - now) / 1000))}</span>}
            </p>
          )}
          <ul className="audit-list">
            {items.map((i) => (
              <ErrorBoundary key={i.key}><AuditRow auditId={audit.id} item={i} selected={selected.has(i.key)} onToggle={() => toggle(i.key)} onError={onError} /></ErrorBoundary>
            ))}
          </ul>
          <div className="row">
            <button type="button" onClick={() => save('alt-text-audit.csv', auditCSV(audit), 'text/csv')}>{t('exportCsv')}</button>
            <button type="button" onClick={() => save('alt-text-audit.json', auditJSON(audit), 'application/json')}>{t('exportJson')}</button>
            <button type="button" onClick={() => save('alt-text-snippets.html', auditHTML(audit), 'text/html')}>{t('exportHtmlSnippets')}</button>
          </div>
        </>
      )}
    </section>
  );
}

function Summary({ audit, flagged }: { audit: Audit; flagged: number }) {
  return (
    <p className="meta" role="status" data-testid="audit-summary">
      {tPlural('auditSummary', audit.items.length, audit.pageTitle || audit.pageUrl, flagged)}
    </p>
  );
}

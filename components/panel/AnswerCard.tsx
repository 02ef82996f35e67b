import { lazy, Suspense, useEffect, useState } from 'react';
import { requestAllSites } from '../all-sites';
import { browser } from 'wxt/browser';
import type { Entry } from '../../utils/store/db';
import { t, type MessageName } from '../../utils/i18n';
import { sendMessage } from '../../utils/messages';
import { Markdown } from '../views/Markdown';
import { BUILTIN_PRESETS, schemaOf } from '../../utils/settings/presets';
import { formatUsd } from '../../utils/settings/pricing';
import { useAnswerSettings, useAnswerText, usePresets, useProfiles } from '../hooks';
import { presetDisclaimer } from '../preset-text';

// Structured views bring their validators and exporters (zod, papaparse): loaded when an answer needs one.
const AltTextView = lazy(() => import('../views/AltTextView').then((m) => ({ default: m.AltTextView })));
const TableView = lazy(() => import('../views/TableView').then((m) => ({ default: m.TableView })));
const ReceiptView = lazy(() => import('../views/ReceiptView').then((m) => ({ default: m.ReceiptView })));

const STATUS: Record<Entry['status'], MessageName> = {
  streaming: 'statusStreaming',
  done: 'statusDone',
  stopped: 'statusStopped',
  failed: 'statusFailed',
  interrupted: 'statusInterrupted',
};

function RetryCountdown({ at }: { at: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  return <span>{t('retryingIn', Math.max(0, Math.ceil((at - now) / 1000)))}</span>;
}

async function copy(text: string) {
  await navigator.clipboard.writeText(text);
}

/** What the thread knows that structured views need. */
export interface AnswerContext {
  pageTitle?: string;
  thumb?: string;
  src?: string;
  /** A later answer of the same preset in this thread: the second pass for a chart. */
  check?: Entry;
}

function CostLine({ entry }: { entry: Entry }) {
  const e = entry.estimate;
  if (!e && !entry.cost) return null;
  const price = (usd: number | undefined, local: boolean) => (local ? t('costFreeLocal') : usd === undefined ? t('costUnknown') : formatUsd(usd));
  return (
    <p className="meta" data-testid="cost">
      {e && t('costEstimate', e.imageTokens, e.promptTokens, price(e.usd, e.local))}
      {entry.cost && <> · {t('costActual', price(entry.cost.usd, !!e?.local), entry.cost.pricesAsOf)}</>}
    </p>
  );
}

export function AnswerCard({ entry, onError, context = {} }: { entry: Entry; onError: (msg: string) => void; context?: AnswerContext }) {
  const busy = entry.status === 'streaming';
  const text = useAnswerText(entry);
  const preset = usePresets().find((p) => p.id === entry.presetId);
  const output = preset?.output ?? BUILTIN_PRESETS.find((p) => p.id === entry.presetId)?.output;
  const settled = entry.status === 'done' && !!entry.text;
  const profiles = useProfiles();
  const answerSettings = useAnswerSettings();
  const [regen, setRegen] = useState('');
  const act = (p: Promise<unknown>) => p.catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)));
  const disclaimer = preset ? presetDisclaimer(preset) : '';
  const plain = () => document.getElementById(`answer-${entry.id}`)?.innerText ?? text;
  return (
    <article className={`answer status-${entry.status}`} aria-labelledby={`q-${entry.id}`} data-testid="answer" data-status={entry.status}>
      <h3 id={`q-${entry.id}`} className="question">{entry.question ?? entry.prompt.split('.')[0]}</h3>
      <p className="meta">
        <span className="badge">{t(STATUS[entry.status])}</span>
        {entry.model && <span> · {entry.profileName ?? entry.provider} · {entry.model}</span>}
        {entry.usage?.outputTokens !== undefined && (
          <span> · {t('tokenUsage', entry.usage.inputTokens ?? '?', entry.usage.outputTokens)}</span>
        )}
      </p>
      <CostLine entry={entry} />
      {entry.notice && <p className="notice" data-testid="notice">{entry.notice}</p>}
      {disclaimer && <p className="disclaimer" data-testid="disclaimer"><strong>{disclaimer}</strong></p>}
      <div id={`answer-${entry.id}`} className="answer-text" data-testid="answer-text">
        <Suspense fallback={<Markdown text={entry.text} streaming={false} />}>
        {settled && output === 'table' ? (
          <TableView
            entry={entry}
            check={context.check}
            pageTitle={context.pageTitle}
            thumb={context.thumb}
            onError={onError}
            onSecondPass={() => {
              // By default the second pass uses another profile, so the two readings are independent.
              const other = profiles.find((p) => p.id !== entry.profileId) ?? profiles[0];
              act(sendMessage('runPreset', { threadId: entry.threadId, presetId: entry.presetId, profileId: other?.id }));
            }}
          />
        ) : settled && schemaOf(preset ?? BUILTIN_PRESETS.find((p) => p.id === entry.presetId)) === 'receipt' ? (
          <ReceiptView entry={entry} onError={onError} />
        ) : settled && output === 'alt-text' ? (
          <AltTextView entry={entry} src={context.src} maxLength={answerSettings.altMaxLength} />
        ) : (
          <Markdown text={text} streaming={busy} />
        )}
        </Suspense>
      </div>
      {busy && entry.retryAt && (
        <p className="notice" data-testid="retrying">
          {entry.error?.message} <RetryCountdown at={entry.retryAt} />
        </p>
      )}
      {entry.error && !busy && (
        <div className="error" data-testid="error">
          <p>{entry.error.message}</p>
          {entry.error.kind === 'ollama-origin' && (
            <button type="button" onClick={() => act(sendMessage('fixOllamaOrigin', { profileId: entry.profileId }).then(() => sendMessage('retry', { entryId: entry.id })))}>
              {t('fixOllama')}
            </button>
          )}
          {['no-provider', 'auth', 'not-found', 'no-vision', 'unavailable'].includes(entry.error.kind) && (
            <button type="button" onClick={() => act(browser.runtime.openOptionsPage())}>{t('openOptions')}</button>
          )}
          {entry.error.kind === 'capture-no-access' && (
            <button
              type="button"
              onClick={() =>
                act(
                  requestAllSites().then(async (ok) => {
                    if (!ok) return onError(t('permissionDenied', t('menuRegion')));
                    await sendMessage('retry', { entryId: entry.id });
                  }),
                )
              }
            >
              {t('allowAllSites')}
            </button>
          )}
        </div>
      )}
      <div className="actions">
        {busy ? (
          <button type="button" onClick={() => act(sendMessage('stop', { entryId: entry.id }))}>{t('stop')}</button>
        ) : (
          <button type="button" onClick={() => act(sendMessage('retry', { entryId: entry.id }))}>{t('retry')}</button>
        )}
        {!busy && profiles.length > 1 && (
          <>
            <label htmlFor={`regen-${entry.id}`} className="sr-only">{t('regenProfile')}</label>
            <select id={`regen-${entry.id}`} value={regen} onChange={(e) => setRegen(e.target.value)}>
              {profiles.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.model})</option>)}
            </select>
            <button type="button" onClick={() => act(sendMessage('retry', { entryId: entry.id, profileId: regen || profiles[0]?.id }))}>
              {t('regenerate')}
            </button>
          </>
        )}
        <button type="button" disabled={!text} onClick={() => act(copy(plain()))}>{t('copyText')}</button>
        <button type="button" disabled={!text} onClick={() => act(copy(text))}>{t('copyMarkdown')}</button>
      </div>
    </article>
  );
}

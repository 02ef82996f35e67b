import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { Entry } from '../utils/db';
import { sendMessage } from '../utils/messages';
import { Markdown } from './Markdown';
import { usePresets, useProfiles } from './hooks';

const STATUS: Record<Entry['status'], string> = {
  streaming: 'Answering…',
  done: 'Done',
  stopped: 'Stopped',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

function RetryCountdown({ at }: { at: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, []);
  return <span>Retrying in {Math.max(0, Math.ceil((at - now) / 1000))} s</span>;
}

async function copy(text: string) {
  await navigator.clipboard.writeText(text);
}

export function AnswerCard({ entry, onError }: { entry: Entry; onError: (msg: string) => void }) {
  const busy = entry.status === 'streaming';
  const preset = usePresets().find((p) => p.id === entry.presetId);
  const profiles = useProfiles();
  const [regen, setRegen] = useState('');
  const act = (p: Promise<unknown>) => p.catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)));
  const plain = () => document.getElementById(`answer-${entry.id}`)?.innerText ?? entry.text;
  return (
    <article className={`answer status-${entry.status}`} aria-labelledby={`q-${entry.id}`} data-testid="answer" data-status={entry.status}>
      <h3 id={`q-${entry.id}`} className="question">{entry.question ?? entry.prompt.split('.')[0]}</h3>
      <p className="meta">
        <span className="badge">{STATUS[entry.status]}</span>
        {entry.model && <span> · {entry.profileName ?? entry.provider} · {entry.model}</span>}
        {entry.usage?.outputTokens !== undefined && (
          <span> · {entry.usage.inputTokens ?? '?'} in / {entry.usage.outputTokens} out tokens</span>
        )}
      </p>
      {preset?.disclaimer && <p className="disclaimer" data-testid="disclaimer"><strong>{preset.disclaimer}</strong></p>}
      <div id={`answer-${entry.id}`} className="answer-text" data-testid="answer-text">
        <Markdown text={entry.text} streaming={busy} />
      </div>
      {busy && entry.retryAt && (
        <p className="notice" data-testid="retrying">
          {entry.error?.message} <RetryCountdown at={entry.retryAt} />
        </p>
      )}
      {entry.error && !busy && (
        <div className="error" data-testid="error">
          <p>{entry.error.message}</p>
          {(entry.error.kind === 'no-provider' || entry.error.kind === 'auth' || entry.error.kind === 'not-found') && (
            <button type="button" onClick={() => act(browser.runtime.openOptionsPage())}>Open Options</button>
          )}
          {entry.error.kind === 'capture-no-access' && (
            <button
              type="button"
              onClick={() =>
                act(
                  browser.permissions.request({ origins: ['<all_urls>'] }).then(async (ok) => {
                    if (!ok) return onError('Permission was not granted; use “Capture a region…” instead.');
                    await sendMessage('retry', { entryId: entry.id });
                  }),
                )
              }
            >
              Allow Glimpse to download original images from all sites, for full quality
            </button>
          )}
        </div>
      )}
      <div className="actions">
        {busy ? (
          <button type="button" onClick={() => act(sendMessage('stop', { entryId: entry.id }))}>Stop</button>
        ) : (
          <button type="button" onClick={() => act(sendMessage('retry', { entryId: entry.id }))}>Retry</button>
        )}
        {!busy && profiles.length > 1 && (
          <>
            <label htmlFor={`regen-${entry.id}`} className="sr-only">Profile to regenerate with</label>
            <select id={`regen-${entry.id}`} value={regen} onChange={(e) => setRegen(e.target.value)}>
              {profiles.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.model})</option>)}
            </select>
            <button type="button" onClick={() => act(sendMessage('retry', { entryId: entry.id, profileId: regen || profiles[0]?.id }))}>
              Regenerate with this profile
            </button>
          </>
        )}
        <button type="button" disabled={!entry.text} onClick={() => act(copy(plain()))}>Copy text</button>
        <button type="button" disabled={!entry.text} onClick={() => act(copy(entry.text))}>Copy Markdown</button>
      </div>
    </article>
  );
}

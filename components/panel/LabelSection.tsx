import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { requestAllSites } from '../all-sites';
import { t, tPlural } from '../../utils/i18n';
import { sendMessage } from '../../utils/messages';
import { labelStatesItem, newestState, type LabelState } from '../../utils/labels/state';
import { labelSettingsItem, labelSitesItem } from '../../utils/settings/labels';
import { formatUsd } from '../../utils/settings/pricing';

function useItem<T>(item: { fallback: T; getValue(): Promise<T>; watch(cb: (v: T) => void): () => void }): T {
  const [v, setV] = useState<T>(item.fallback);
  useEffect(() => {
    void item.getValue().then(setV);
    return item.watch(setV);
  }, [item]);
  return v;
}

const originOf = (url: string) => {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? u.origin : undefined;
  } catch {
    return undefined;
  }
};

/** "Label this page's images": the count and cost before anything is sent, progress, undo, and the per-site switch. */
export function LabelSection({ onError }: { onError: (m: string) => void }) {
  const state: LabelState | undefined = newestState(useItem(labelStatesItem));
  const settings = useItem(labelSettingsItem);
  const sites = useItem(labelSitesItem);
  const origin = state && originOf(state.pageUrl);
  const fail = (e: unknown) => onError(e instanceof Error ? e.message : String(e));
  // The switch shows the user's choice at once; the stored list catches up when the worker has registered the script.
  const [want, setWant] = useState<boolean>();

  const label = (confirmed = false) => {
    // Asked inside the click: reading the page and downloading its images need host access.
    const granted = requestAllSites();
    void granted
      .then(async (ok) => {
        if (!ok) throw new Error(t('labelNeedsAccess'));
        await sendMessage('labelPage', confirmed && state ? { tabId: state.tabId, confirmed } : {});
      })
      .catch(fail);
  };
  const setSite = (on: boolean) => {
    if (!origin || !state) return;
    setWant(on);
    // Only this site, asked inside the click.
    const granted = on ? browser.permissions.request({ origins: [`${new URL(origin).protocol}//${new URL(origin).hostname}/*`] }).catch(() => false) : Promise.resolve(true);
    void granted
      .then(async (ok) => {
        if (!ok) throw new Error(t('labelNeedsAccess'));
        await sendMessage('labelSite', { origin, on, tabId: state.tabId });
      })
      .catch(fail)
      .finally(() => setWant(undefined));
  };
  const cost = state?.usd === undefined ? t('costUnknown') : state.usd === 0 ? t('costFree') : t('costAbout', formatUsd(state.usd));

  return (
    <section aria-labelledby="label-heading" className="labels" data-testid="labels" data-phase={state?.phase}>
      <h2 id="label-heading">{t('labelHeading')}</h2>
      <div className="row">
        <button type="button" onClick={() => label()}>{t('labelStart')}</button>
        {state && state.phase !== 'removed' && (
          <button type="button" onClick={() => void sendMessage('removeLabels', { tabId: state.tabId }).catch(fail)}>{t('labelRemove')}</button>
        )}
      </div>
      {state && state.count > 0 && (
        <p className="meta" data-testid="label-estimate">
          {t('labelEstimate', state.toSend, cost, formatUsd(settings.askAboveUsd))}
        </p>
      )}
      {state?.phase === 'confirm' && (
        <button type="button" onClick={() => label(true)}>{tPlural('labelConfirm', state.toSend)}</button>
      )}
      {state && (
        <p className="meta" role="status" data-testid="label-status">
          {state.phase === 'failed' || state.phase === 'budget'
            ? state.error
            : state.phase === 'removed'
              ? tPlural('labelRemoved', state.removed ?? 0)
              : state.count === 0 && state.phase === 'done'
                ? t('labelNone')
                : state.phase === 'done' || state.phase === 'running'
                  ? `${t('labelProgress', state.labelled, state.count, state.cached)}${state.failed ? ` ${t('labelFailed', state.failed)}` : ''}`
                  : ''}
        </p>
      )}
      {origin && (
        <label>
          <input type="checkbox" checked={want ?? sites.includes(origin)} onChange={(e) => setSite(e.target.checked)} /> {t('labelAlways', new URL(origin).host)}
        </label>
      )}
    </section>
  );
}

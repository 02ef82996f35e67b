import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { t } from '../../utils/i18n';
import { sendMessage } from '../../utils/messages';
import { labelSettingsItem, labelSitesItem, labelSpendItem, today, type LabelSettings as Settings } from '../../utils/settings/labels';
import { formatUsd } from '../../utils/settings/pricing';
import { clearAltCache } from '../../utils/store/alt-cache';
import { db } from '../../utils/store/db';

const usd = (v: string, fallback: number) => (Number.isFinite(Number(v)) && Number(v) >= 0 ? Number(v) : fallback);

/** Labels written into pages: marker, when to ask, the daily budget, the sites labelled always, the cache. */
export function LabelSettings() {
  const [s, setS] = useState<Settings | null>(null);
  const [sites, setSites] = useState<string[]>([]);
  const [spent, setSpent] = useState(0);
  const [status, setStatus] = useState('');
  const cached = useLiveQuery(() => db.altCache.count(), [], 0);
  useEffect(() => {
    void labelSettingsItem.getValue().then(setS);
    void labelSitesItem.getValue().then(setSites);
    void labelSpendItem.getValue().then((v) => setSpent(v.day === today() ? v.usd : 0));
    return labelSitesItem.watch(setSites);
  }, []);
  if (!s) return null;
  const update = (patch: Partial<Settings>) => {
    const next = { ...s, ...patch };
    setS(next);
    void labelSettingsItem.setValue(next).then(() => setStatus(t('answersApplied')));
  };
  return (
    <section aria-labelledby="labels-heading">
      <h2 id="labels-heading">{t('labelOptionsHeading')}</h2>
      <p className="meta">{t('labelPrivacy')}</p>
      <label htmlFor="label-marker">{t('labelMarker')}</label>
      <input id="label-marker" type="text" value={s.marker} maxLength={40} onChange={(e) => update({ marker: e.target.value })} />
      <label htmlFor="label-ask">{t('labelAskAbove')}</label>
      <input id="label-ask" type="number" min={0} step={0.01} value={s.askAboveUsd} onChange={(e) => update({ askAboveUsd: usd(e.target.value, s.askAboveUsd) })} />
      <label htmlFor="label-budget">{t('labelDailyBudget')}</label>
      <input id="label-budget" type="number" min={0} step={0.05} value={s.dailyBudgetUsd} onChange={(e) => update({ dailyBudgetUsd: usd(e.target.value, s.dailyBudgetUsd) })} />
      <p className="meta">{t('labelSpentToday', formatUsd(spent))}</p>
      <p>{sites.length ? t('labelSites', sites.join(', ')) : t('labelSitesNone')}</p>
      {sites.map((site) => (
        <button key={site} type="button" onClick={() => void sendMessage('labelSite', { origin: site, on: false })}>{t('labelSiteOff', site)}</button>
      ))}
      <p className="meta">{t('labelCacheCount', cached)}</p>
      <button type="button" disabled={!cached} onClick={() => void clearAltCache()}>{t('labelCacheClear')}</button>
      <p aria-live="polite" className="meta">{status}</p>
    </section>
  );
}

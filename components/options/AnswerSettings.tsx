import { useEffect, useState } from 'react';
import { languageName } from '../../utils/alt-text/prompt';
import { t } from '../../utils/i18n';
import { answerSettingsItem, type AnswerSettings as Settings } from '../../utils/settings/items';

const LANGS = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'ja', 'zh'];

/** The language answers are written in, and the alt-text length limit. */
export function AnswerSettings() {
  const [s, setS] = useState<Settings | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => void answerSettingsItem.getValue().then(setS), []);
  if (!s) return null;
  const update = (patch: Partial<Settings>) => {
    const next = { ...s, ...patch };
    setS(next);
    void answerSettingsItem.setValue(next).then(() => setStatus(t('answersApplied')));
  };
  return (
    <section aria-labelledby="answers-heading">
      <h2 id="answers-heading">{t('answersHeading')}</h2>
      <label htmlFor="answer-language">{t('answerLanguage')}</label>
      <select id="answer-language" value={s.language} onChange={(e) => update({ language: e.target.value })}>
        <option value="">{t('answerLanguagePage')}</option>
        {LANGS.map((l) => <option key={l} value={l}>{languageName(l)}</option>)}
      </select>
      <label htmlFor="alt-max">{t('altMaxLength')}</label>
      <input id="alt-max" type="number" min={40} max={500} value={s.altMaxLength}
        onChange={(e) => update({ altMaxLength: Math.min(500, Math.max(40, Number(e.target.value) || 125)) })} />
      <p aria-live="polite" className="meta">{status}</p>
    </section>
  );
}

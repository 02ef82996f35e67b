import { useMemo, useState } from 'react';
import { formatAlt, type CopyFormat } from '../../utils/alt-text/copy-formats';
import { parseAltResult } from '../../utils/alt-text/prompt';
import { checkAltStyle } from '../../utils/alt-text/style';
import { db, type Entry } from '../../utils/store/db';
import { t } from '../../utils/i18n';

/** The copy buttons, with labels read at render time (the UI language). */
const copyButtons = (): [CopyFormat, string][] => [['text', t('copyAltText')], ['attr', t('copyAltAttr')], ['img', t('copyImgTag')], ['markdown', t('copyMarkdownImage')]];

/** An alt-text answer as editable fields. The user's edit is kept on this answer; Retry adds a new version beside it. */
export function AltTextView({ entry, src, maxLength = 125 }: { entry: Entry; src?: string; maxLength?: number }) {
  const model = useMemo(() => parseAltResult(entry.text), [entry.text]);
  const start = entry.altEdit ?? { short: model.short, long: model.long ?? '', decorative: model.decorative };
  const [short, setShort] = useState(start.short);
  const [long, setLong] = useState(start.long);
  const [decorative, setDecorative] = useState(start.decorative);
  const [status, setStatus] = useState('');
  const alt = decorative ? '' : short;
  // Whether the image is a chart is read from what the model wrote, never from the prompt: every alt-text prompt
  // mentions charts, which flagged every photo's alt for lacking a chart's key message.
  const issues = decorative ? [] : checkAltStyle(short, { maxLength, pageText: entry.prompt, isChart: /chart|graph/i.test(`${short} ${long}`) });
  const edited = short !== (entry.altEdit?.short ?? model.short) || long !== (entry.altEdit?.long ?? model.long ?? '') || decorative !== (entry.altEdit?.decorative ?? model.decorative);
  const save = async () => {
    await db.entries.update(entry.id, { altEdit: { short, long, decorative, editedAt: Date.now() } });
    setStatus(t('altEditSaved'));
  };
  const id = entry.id;
  return (
    <div className="alt-view" data-testid="alt-view">
      <label htmlFor={`alt-short-${id}`}>{t('altShort')}</label>
      <textarea id={`alt-short-${id}`} rows={2} value={short} disabled={decorative} onChange={(e) => setShort(e.target.value)} aria-describedby={`alt-count-${id}`} />
      <p id={`alt-count-${id}`} className={short.length > maxLength ? 'error' : 'meta'}>{t('altCharCount', short.length, maxLength)}</p>
      <label className="check"><input type="checkbox" checked={decorative} onChange={(e) => setDecorative(e.target.checked)} /> {t('altDecorative')}</label>
      <label htmlFor={`alt-long-${id}`}>{t('altLong')}</label>
      <textarea id={`alt-long-${id}`} rows={3} value={long} onChange={(e) => setLong(e.target.value)} />
      {issues.length > 0 && (
        <ul className="checks" data-testid="alt-issues" aria-label={t('altStyleChecks')}>
          {issues.map((i) => <li key={i.rule + i.message}>{i.message}</li>)}
        </ul>
      )}
      {entry.altEdit && <p className="meta" data-testid="alt-edited">{t('altEditedOn', new Date(entry.altEdit.editedAt).toLocaleString())}</p>}
      <div className="row">
        <button type="button" disabled={!edited} onClick={() => void save()}>{t('saveEdit')}</button>
        {copyButtons().map(([f, label]) => (
          <button key={f} type="button" onClick={() => void navigator.clipboard.writeText(formatAlt(f, alt, src)).then(() => setStatus(t('copied')))}>{label}</button>
        ))}
      </div>
      <p aria-live="polite" className="meta">{status}</p>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { t, type MessageName } from '../../utils/i18n';
import { newPreset, presetsItem, savePresets } from '../../utils/settings/preset-store';
import type { Preset } from '../../utils/settings/presets';
import type { Profile } from '../../utils/settings/items';
import { presetTitle } from '../preset-text';

const OUTPUTS: [Preset['output'], MessageName][] = [
  ['markdown', 'outputMarkdown'],
  ['alt-text', 'outputAltText'],
  ['table', 'outputTable'],
  ['json', 'outputJson'],
];

/** The problems a user can cause here, in savePresets' order and in the UI language; savePresets still checks everything. */
function problemOf(list: Preset[]): string | undefined {
  for (const p of list) {
    if (!p.title.trim()) return t('presetNeedsTitle');
    if (!p.prompt.trim()) return t('presetNeedsPrompt', presetTitle(p));
  }
  return undefined;
}

/** Add, edit, reorder, enable and delete presets; each enabled one appears in the context menu. */
export function PresetEditor({ profiles }: { profiles: Profile[] }) {
  const [list, setList] = useState<Preset[]>([]);
  const [sel, setSel] = useState(0);
  const [status, setStatus] = useState('');
  useEffect(() => void presetsItem.getValue().then(setList), []);
  const cur = list[sel];
  const patch = (p: Partial<Preset>) => setList(list.map((x, i) => (i === sel ? { ...x, ...p, ...('title' in p ? { titleKey: undefined } : {}) } : x)));
  const move = (d: -1 | 1) => {
    const j = sel + d;
    if (j < 0 || j >= list.length) return;
    const next = [...list];
    [next[sel], next[j]] = [next[j]!, next[sel]!];
    setList(next);
    setSel(j);
    setStatus(t('presetMoved', cur ? presetTitle(cur) : '', j + 1));
  };
  const save = async () => {
    const problem = problemOf(list) ?? (await savePresets(list));
    setStatus(problem ?? t('presetsSaved'));
  };
  return (
    <section aria-labelledby="presets-heading">
      <h2 id="presets-heading">{t('presetsHeading')}</h2>
      <label htmlFor="preset-list">{t('presetToEdit')}</label>
      <select id="preset-list" size={Math.min(10, Math.max(2, list.length))} value={String(sel)} onChange={(e) => setSel(Number(e.target.value))}>
        {list.map((p, i) => <option key={p.id} value={i}>{i + 1}. {p.enabled === false ? t('presetOff', presetTitle(p)) : presetTitle(p)}</option>)}
      </select>
      <div className="row">
        <button type="button" onClick={() => move(-1)} disabled={sel === 0}>{t('moveUp')}</button>
        <button type="button" onClick={() => move(1)} disabled={sel >= list.length - 1}>{t('moveDown')}</button>
        <button type="button" onClick={() => { const p = { ...newPreset('New preset', list), title: t('newPreset') }; setList([...list, p]); setSel(list.length); }}>{t('addPreset')}</button>
        <button type="button" disabled={!cur} onClick={() => { if (cur && confirm(t('confirmDeletePreset', presetTitle(cur)))) { setList(list.filter((_, i) => i !== sel)); setSel(Math.max(0, sel - 1)); } }}>{t('deletePreset')}</button>
      </div>
      {cur && (
        <div className="preset-form">
          <label htmlFor="preset-title">{t('presetTitle')}</label>
          <input id="preset-title" value={presetTitle(cur)} onChange={(e) => patch({ title: e.target.value })} />
          <label htmlFor="preset-prompt">{t('presetPrompt')}</label>
          <textarea id="preset-prompt" rows={4} value={cur.prompt} onChange={(e) => patch({ prompt: e.target.value })} />
          <label htmlFor="preset-output">{t('presetOutput')}</label>
          <select id="preset-output" value={cur.output} onChange={(e) => patch({ output: e.target.value as Preset['output'] })}>
            {OUTPUTS.map(([o, name]) => <option key={o} value={o}>{t(name)}</option>)}
          </select>
          <label htmlFor="preset-profile">{t('presetProfile')}</label>
          <select id="preset-profile" value={cur.profileId ?? ''} onChange={(e) => patch({ profileId: e.target.value || undefined })}>
            <option value="">{t('presetDefaultProfile')}</option>
            {profiles.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
          <label className="check"><input type="checkbox" checked={cur.enabled !== false} onChange={(e) => patch({ enabled: e.target.checked })} /> {t('presetShowInMenu')}</label>
        </div>
      )}
      <div className="row"><button type="button" onClick={() => void save()}>{t('applyPresets')}</button></div>
      <p aria-live="polite" className="meta">{status}</p>
    </section>
  );
}

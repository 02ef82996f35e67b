import { useEffect, useState } from 'react';
import { newPreset, presetsItem, savePresets } from '../utils/preset-store';
import type { Preset } from '../utils/presets';
import type { Profile } from '../utils/settings';

const OUTPUTS: Preset['output'][] = ['markdown', 'alt-text', 'table', 'json'];

/** Add, edit, reorder, enable and delete presets; each enabled one appears in the context menu. */
export function PresetEditor({ profiles }: { profiles: Profile[] }) {
  const [list, setList] = useState<Preset[]>([]);
  const [sel, setSel] = useState(0);
  const [status, setStatus] = useState('');
  useEffect(() => void presetsItem.getValue().then(setList), []);
  const cur = list[sel];
  const patch = (p: Partial<Preset>) => setList(list.map((x, i) => (i === sel ? { ...x, ...p, ...(p.title ? { titleKey: undefined } : {}) } : x)));
  const move = (d: -1 | 1) => {
    const j = sel + d;
    if (j < 0 || j >= list.length) return;
    const next = [...list];
    [next[sel], next[j]] = [next[j]!, next[sel]!];
    setList(next);
    setSel(j);
    setStatus(`Moved “${cur?.title}” to position ${j + 1}. Save to apply.`);
  };
  const save = async () => {
    const problem = await savePresets(list);
    setStatus(problem ?? 'Presets saved; the context menu is updated.');
  };
  return (
    <section aria-labelledby="presets-heading">
      <h2 id="presets-heading">Presets</h2>
      <label htmlFor="preset-list">Preset to edit</label>
      <select id="preset-list" size={Math.min(10, Math.max(2, list.length))} value={String(sel)} onChange={(e) => setSel(Number(e.target.value))}>
        {list.map((p, i) => <option key={p.id} value={i}>{i + 1}. {p.title}{p.enabled === false ? ' (off)' : ''}</option>)}
      </select>
      <div className="row">
        <button type="button" onClick={() => move(-1)} disabled={sel === 0}>Move up</button>
        <button type="button" onClick={() => move(1)} disabled={sel >= list.length - 1}>Move down</button>
        <button type="button" onClick={() => { const p = newPreset('New preset', list); setList([...list, p]); setSel(list.length); }}>Add preset</button>
        <button type="button" disabled={!cur} onClick={() => { if (cur && confirm(`Delete the preset “${cur.title}”?`)) { setList(list.filter((_, i) => i !== sel)); setSel(Math.max(0, sel - 1)); } }}>Delete preset</button>
      </div>
      {cur && (
        <div className="preset-form">
          <label htmlFor="preset-title">Preset title</label>
          <input id="preset-title" value={cur.title} onChange={(e) => patch({ title: e.target.value })} />
          <label htmlFor="preset-prompt">Prompt</label>
          <textarea id="preset-prompt" rows={4} value={cur.prompt} onChange={(e) => patch({ prompt: e.target.value })} />
          <label htmlFor="preset-output">Output</label>
          <select id="preset-output" value={cur.output} onChange={(e) => patch({ output: e.target.value as Preset['output'] })}>
            {OUTPUTS.map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
          <label htmlFor="preset-profile">Profile for this preset</label>
          <select id="preset-profile" value={cur.profileId ?? ''} onChange={(e) => patch({ profileId: e.target.value || undefined })}>
            <option value="">The default profile</option>
            {profiles.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </select>
          <label className="check"><input type="checkbox" checked={cur.enabled !== false} onChange={(e) => patch({ enabled: e.target.checked })} /> Show in the context menu</label>
        </div>
      )}
      <div className="row"><button type="button" onClick={() => void save()}>Apply presets</button></div>
      <p aria-live="polite" className="meta">{status}</p>
    </section>
  );
}

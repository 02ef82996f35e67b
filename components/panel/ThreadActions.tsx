import { useState } from 'react';
import { t } from '../../utils/i18n';
import { sendMessage } from '../../utils/messages';
import { useProfiles, usePresets } from '../hooks';
import { presetTitle } from '../preset-text';

/** Run another preset on this image, or compare two profiles on it side by side. */
export function ThreadActions({ threadId, onError }: { threadId: string; onError: (m: string) => void }) {
  const presets = usePresets().filter((p) => p.enabled !== false);
  const profiles = useProfiles();
  const [presetId, setPresetId] = useState('describe');
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const act = (p: Promise<unknown>) => p.catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)));
  const first = a || profiles[0]?.id || '';
  const second = b || profiles.find((p) => p.id !== first)?.id || '';
  return (
    <div className="thread-actions">
      <div className="row">
        <span>
          <label htmlFor={`preset-${threadId}`}>{t('presetLabel')}</label>
          <select id={`preset-${threadId}`} value={presetId} onChange={(e) => setPresetId(e.target.value)}>
            {presets.map((p) => <option key={p.id} value={p.id}>{presetTitle(p)}</option>)}
          </select>
        </span>
        <button type="button" onClick={() => act(sendMessage('runPreset', { threadId, presetId }))}>{t('runPreset')}</button>
      </div>
      {profiles.length >= 2 && (
        <fieldset className="row compare-choice">
          <legend>{t('compareLegend')}</legend>
          <span>
            <label htmlFor={`cmp-a-${threadId}`}>{t('firstProfile')}</label>
            <select id={`cmp-a-${threadId}`} value={first} onChange={(e) => setA(e.target.value)}>
              {profiles.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.model})</option>)}
            </select>
          </span>
          <span>
            <label htmlFor={`cmp-b-${threadId}`}>{t('secondProfile')}</label>
            <select id={`cmp-b-${threadId}`} value={second} onChange={(e) => setB(e.target.value)}>
              {profiles.map((p) => <option key={p.id} value={p.id}>{p.name} ({p.model})</option>)}
            </select>
          </span>
          <button type="button" disabled={!first || !second || first === second}
            onClick={() => act(sendMessage('compare', { threadId, presetId, profileIds: [first, second] }))}>
            {t('compare')}
          </button>
        </fieldset>
      )}
    </div>
  );
}

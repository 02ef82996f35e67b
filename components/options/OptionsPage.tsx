import { useEffect, useState } from 'react';
import { sentences, t } from '../../utils/i18n';
import { sendMessage } from '../../utils/messages';
import { PresetEditor } from './PresetEditor';
import { PriceTable } from './PriceTable';
import { DeleteData } from './DeleteData';
import { OnDeviceOffer } from './OnDeviceOffer';
import { AnswerSettings } from './AnswerSettings';
import { CaptureSettings } from './CaptureSettings';
import { LabelSettings } from './LabelSettings';
import { OllamaFix } from './OllamaFix';
import { ModelNotice } from './ModelNotice';
import { modelStatus } from '../../utils/settings/retired-models';
import { GatewayFields, headersError } from './GatewayFields';
import { ServerAccess, saveWithAccess } from './ServerAccess';
import { templateLabel, templateNote } from './template-text';
import { confirmKeySend, httpWarning, moveEndpoint } from './key-guard';
import type { ProviderInfo } from '../../utils/providers/types';
import { findTemplate, TEMPLATES } from '../../utils/settings/templates';
import { defaultProfileIdItem, deleteProfile, profilesItem, type Detail, type Profile } from '../../utils/settings/items';
import { bindKey } from '../../utils/settings/key-binding';

function blank(p?: ProviderInfo): Profile {
  return { id: crypto.randomUUID(), name: p?.label ?? t('newProfile'), provider: p?.id ?? 'openai', baseUrl: p?.defaultBaseUrl ?? '', apiKey: '', model: p?.defaultModel ?? '' };
}

function fromTemplate(id: string, providers: ProviderInfo[]): Profile {
  const tpl = findTemplate(id);
  if (!tpl || tpl.id === 'blank') return blank(providers[0]);
  return { id: crypto.randomUUID(), name: templateLabel(tpl), provider: tpl.provider, baseUrl: tpl.baseUrl, apiKey: '', model: tpl.model, template: tpl.id, ...(tpl.headers ? { extraHeaders: tpl.headers } : {}) };
}

export function OptionsPage() {
  const [providers, setProviders] = useState<ProviderInfo[]>([]);
  const [profiles, setProfiles] = useState<Profile[]>([]);
  const [defaultId, setDefaultId] = useState<string | null>(null);
  const [form, setForm] = useState<Profile | null>(null);
  const [status, setStatus] = useState('');
  const [models, setModels] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [templateId, setTemplateId] = useState('blank');
  // Typed since this profile was loaded or saved: not yet bound to an endpoint (see key-guard.ts).
  const [keyTyped, setKeyTyped] = useState(false);
  const [keyNote, setKeyNote] = useState('');

  useEffect(() => {
    void (async () => {
      const [infos, list, def] = await Promise.all([sendMessage('providers', undefined), profilesItem.getValue(), defaultProfileIdItem.getValue()]);
      setProviders(infos);
      setProfiles(list);
      setDefaultId(def);
      setForm(list.find((p) => p.id === def) ?? list[0] ?? blank(infos[0])); // first load: keyTyped is false already
    })();
    return profilesItem.watch((list) => setProfiles(list));
  }, []);

  if (!form) return <div className="options"><p>{t('loading')}</p></div>;
  const info = providers.find((p) => p.id === form.provider);
  const template = form.template ? findTemplate(form.template) : undefined;
  const set = (patch: Partial<Profile>) => setForm({ ...form, ...patch });
  const load = (p: Profile) => { setForm(p); setKeyTyped(false); setKeyNote(''); };
  const setEndpoint = (patch: Partial<Profile>) => {
    // A profile never saved has no binding yet: what it holds follows the form until Save binds it.
    const moved = moveEndpoint(form, patch, keyTyped || !profiles.some((p) => p.id === form.id));
    setForm(moved.form);
    if (moved.note) setKeyNote(moved.note);
  };
  const warning = httpWarning(form);

  const changeProvider = (id: string) => {
    const next = providers.find((p) => p.id === id);
    const wasDefaultUrl = !form.baseUrl || providers.some((p) => p.defaultBaseUrl === form.baseUrl);
    const wasDefaultName = !form.name || providers.some((p) => p.label === form.name);
    setEndpoint({
      provider: id,
      baseUrl: wasDefaultUrl ? (next?.defaultBaseUrl ?? '') : form.baseUrl,
      model: next?.defaultModel || form.model,
      name: wasDefaultName ? (next?.label ?? form.name) : form.name,
    });
    setModels([]);
  };

  const save = () => {
    const bad = headersError(form);
    if (bad) {
      setStatus(bad);
      document.getElementById('extra-headers')?.focus();
      return;
    }
    const trimmed = { ...form, baseUrl: form.baseUrl.trim(), apiKey: form.apiKey.trim(), model: form.model.trim() };
    // A key from storage keeps its binding (moveEndpoint cleared it if the endpoint moved); a typed one is bound now.
    const profile = keyTyped || !profiles.some((p) => p.id === form.id) || !trimmed.apiKey ? bindKey(trimmed) : trimmed;
    // First thing in the click (the header check above is synchronous): the browser asks for host access only
    // during the user's gesture.
    saveWithAccess(profile, (s) => setStatus(sentences(s, httpWarning(profile))), async () => {
      setDefaultId(await defaultProfileIdItem.getValue());
      load(profile);
    });
  };

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    try {
      await what();
    } catch (e) {
      setStatus(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const loadModels = (then?: (list: string[]) => void) => void run(async () => {
    if (!confirmKeySend(form)) return setStatus(t('httpKeyNotSent'));
    const list = await sendMessage('listModels', { profile: form });
    setModels(list);
    setStatus(list.length ? t('modelsFound', list.length) : t('modelsNotListed'));
    then?.(list);
  });

  return (
    <div className="options">
      <header><h1>{t('optionsHeading')}</h1></header>
      <main>
        <OnDeviceOffer hasProfiles={profiles.length > 0} onAdded={(p) => { load(p); setDefaultId(p.id); }} />
        <section aria-labelledby="profiles-heading">
          <h2 id="profiles-heading">{t('profilesHeading')}</h2>
          <label htmlFor="profile-select">{t('profileToEdit')}</label>
          <select id="profile-select" value={form.id} onChange={(e) => load(profiles.find((p) => p.id === e.target.value) ?? form)}>
            {!profiles.some((p) => p.id === form.id) && <option value={form.id}>{t('profileNotSaved', form.name)}</option>}
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>{p.id === defaultId ? t('profileDefault', p.name) : p.name}</option>
            ))}
          </select>
          <div className="row">
            <span>
              <label htmlFor="template">{t('templateLabel')}</label>
              <select id="template" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                {TEMPLATES.map((tpl) => <option key={tpl.id} value={tpl.id}>{templateLabel(tpl)}</option>)}
              </select>
            </span>
            <button type="button" onClick={() => { load(fromTemplate(templateId, providers)); setModels([]); setStatus(''); }}>{t('addProfile')}</button>
            <button type="button" disabled={!profiles.some((p) => p.id === form.id) || form.id === defaultId}
              onClick={() => void defaultProfileIdItem.setValue(form.id).then(() => { setDefaultId(form.id); setStatus(t('nowDefault', form.name)); })}>
              {t('makeDefault')}
            </button>
            <button type="button" disabled={!profiles.some((p) => p.id === form.id)}
              onClick={() => { if (confirm(t('confirmDeleteProfile', form.name))) void deleteProfile(form.id).then(async () => {
                const list = await profilesItem.getValue();
                load(list[0] ?? blank(providers[0]));
                setDefaultId(await defaultProfileIdItem.getValue());
                setStatus(t('profileDeleted'));
              }); }}>
              {t('deleteProfile')}
            </button>
          </div>
        </section>

        <form aria-labelledby="provider-heading" onSubmit={(e) => (e.preventDefault(), save())}>
          <h2 id="provider-heading">{t('connectionHeading')}</h2>
          <label htmlFor="name">{t('profileName')}</label>
          <input id="name" value={form.name} onChange={(e) => set({ name: e.target.value })} />

          <label htmlFor="provider">{t('providerLabel')}</label>
          <select id="provider" value={form.provider} onChange={(e) => changeProvider(e.target.value)}>
            {providers.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>

          <label htmlFor="base-url">{t('baseUrl')}</label>
          <input id="base-url" type="url" value={form.baseUrl} onChange={(e) => setEndpoint({ baseUrl: e.target.value })} aria-describedby="base-url-hint" />
          <p id="base-url-hint" className="hint">{info?.baseUrlHint ?? t('baseUrlDefault', info?.defaultBaseUrl ?? '')}</p>
          <ServerAccess baseUrl={form.baseUrl} setStatus={setStatus} />

          <label htmlFor="api-key">{t('apiKey')}</label>
          <input id="api-key" type="password" autoComplete="off" value={form.apiKey} onChange={(e) => { set({ apiKey: e.target.value }); setKeyTyped(true); setKeyNote(''); }}
            aria-describedby={`api-key-hint${keyNote ? ' api-key-note' : ''}${warning ? ' http-warning' : ''}`} />
          <p id="api-key-hint" className="hint">
            {info?.keyRequired ? t('keyRequired') : t('keyOptional')} {t('keyStorage')}
            {info?.keyUrl && <> <a href={info.keyUrl} target="_blank" rel="noopener noreferrer">{t('keyLink')}</a></>}
          </p>
          {keyNote && <p id="api-key-note" className="hint" data-testid="key-note">{keyNote}</p>}
          {warning && <p id="http-warning" className="warning" data-testid="http-warning">{warning}</p>}

          <label htmlFor="model">{t('model')}</label>
          <input id="model" list="model-list" value={form.model} onChange={(e) => set({ model: e.target.value })}
            aria-describedby={modelStatus(form.model) ? 'model-notice' : undefined} />
          <datalist id="model-list">{models.map((m) => <option key={m} value={m} />)}</datalist>
          <ModelNotice model={form.model} busy={busy} onUse={(model) => set({ model })} onList={() => loadModels(() => document.getElementById('model')?.focus())} />

          {template && (
            <div className="template-note" data-testid="template-note">
              <p>{templateNote(template)}</p>
              {template.helpUrl && <p><a href={template.helpUrl} target="_blank" rel="noopener noreferrer">{template.local ? t('localGuide') : t('getApiKey')}</a></p>}
              {template.local && (
                <button type="button" disabled={busy} onClick={() => void run(async () => {
                  if (!confirmKeySend(form)) return setStatus(t('httpKeyNotSent'));
                  setStatus(t('checkingLocal'));
                  const r = await sendMessage('checkLocal', { profile: form, installHint: template.installHint });
                  setStatus(r.message);
                })}>{t('checkServer')}</button>
              )}
            </div>
          )}

          <GatewayFields form={form} set={(patch) => { set(patch); setKeyTyped(true); }} />

          {form.provider === 'ollama' && <OllamaFix baseUrl={form.baseUrl} onError={setStatus} />}

          {form.provider === 'openai' && (
            <>
              <label htmlFor="detail">{t('imageDetail')}</label>
              <select id="detail" value={form.detail ?? 'auto'} onChange={(e) => set({ detail: e.target.value as Detail })} aria-describedby="detail-hint">
                <option value="low">{t('detailLow')}</option>
                <option value="auto">{t('detailAuto')}</option>
                <option value="high">{t('detailHigh')}</option>
              </select>
              <p id="detail-hint" className="hint">{t('detailHint')}</p>
            </>
          )}

          <div className="row">
            <button type="submit">{t('save')}</button>
            <button type="button" disabled={busy} onClick={() => void run(async () => {
              if (!confirmKeySend(form)) return setStatus(t('httpKeyNotSent'));
              setStatus(t('testing'));
              const r = await sendMessage('testConnection', { profile: form });
              setStatus(r.ok ? r.message : t('connectionFailed', r.message));
            })}>{t('testConnection')}</button>
            <button type="button" disabled={busy} onClick={() => loadModels()}>{t('loadModels')}</button>
          </div>
        </form>
        <p role="status" className="status" data-testid="status">{status}</p>
        <AnswerSettings />
        <CaptureSettings />
        <LabelSettings />
        <PresetEditor profiles={profiles} />
        <PriceTable />
        <DeleteData />
      </main>
      <footer><a href="/privacy.html" target="_blank" rel="noopener">{t('privacyLink')}</a></footer>
    </div>
  );
}

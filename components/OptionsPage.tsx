import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { sendMessage } from '../utils/messages';
import { PresetEditor } from './PresetEditor';
import type { ProviderInfo } from '../utils/providers/types';
import { findTemplate, TEMPLATES } from '../utils/templates';
import { defaultProfileIdItem, deleteProfile, profilesItem, saveProfile, type Detail, type Profile } from '../utils/settings';

const BUILT_IN_HOSTS = ['api.openai.com', 'api.anthropic.com', 'generativelanguage.googleapis.com', 'openrouter.ai'];

function blank(p?: ProviderInfo): Profile {
  return { id: crypto.randomUUID(), name: p?.label ?? 'New profile', provider: p?.id ?? 'openai', baseUrl: p?.defaultBaseUrl ?? '', apiKey: '', model: p?.defaultModel ?? '' };
}

function fromTemplate(id: string, providers: ProviderInfo[]): Profile {
  const t = findTemplate(id);
  if (!t || t.id === 'blank') return blank(providers[0]);
  return { id: crypto.randomUUID(), name: t.label, provider: t.provider, baseUrl: t.baseUrl, apiKey: '', model: t.model, template: t.id };
}

/** Asks for access to a user-entered server, inside the click that saves it. */
function requestHostAccess(baseUrl: string): Promise<boolean> {
  let u: URL;
  try {
    u = new URL(baseUrl);
  } catch {
    return Promise.resolve(false);
  }
  if (BUILT_IN_HOSTS.includes(u.hostname)) return Promise.resolve(true);
  return browser.permissions.request({ origins: [`${u.protocol}//${u.hostname}/*`] }).catch(() => false);
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

  useEffect(() => {
    void (async () => {
      const [infos, list, def] = await Promise.all([sendMessage('providers', undefined), profilesItem.getValue(), defaultProfileIdItem.getValue()]);
      setProviders(infos);
      setProfiles(list);
      setDefaultId(def);
      setForm(list.find((p) => p.id === def) ?? list[0] ?? blank(infos[0]));
    })();
    return profilesItem.watch((list) => setProfiles(list));
  }, []);

  if (!form) return <div className="options"><p>Loading…</p></div>;
  const info = providers.find((p) => p.id === form.provider);
  const template = form.template ? findTemplate(form.template) : undefined;
  const set = (patch: Partial<Profile>) => setForm({ ...form, ...patch });

  const changeProvider = (id: string) => {
    const next = providers.find((p) => p.id === id);
    const wasDefaultUrl = !form.baseUrl || providers.some((p) => p.defaultBaseUrl === form.baseUrl);
    const wasDefaultName = !form.name || providers.some((p) => p.label === form.name);
    set({
      provider: id,
      baseUrl: wasDefaultUrl ? (next?.defaultBaseUrl ?? '') : form.baseUrl,
      model: next?.defaultModel || form.model,
      name: wasDefaultName ? (next?.label ?? form.name) : form.name,
    });
    setModels([]);
  };

  const save = () => {
    const access = requestHostAccess(form.baseUrl); // first: needs the click's user gesture
    void (async () => {
      const profile = { ...form, baseUrl: form.baseUrl.trim(), apiKey: form.apiKey.trim(), model: form.model.trim() };
      await saveProfile(profile);
      setDefaultId(await defaultProfileIdItem.getValue());
      setForm(profile);
      const ok = await access;
      setStatus(ok ? `Saved “${profile.name}”.` : `Saved “${profile.name}”, but Glimpse was not allowed to reach ${profile.baseUrl}: requests will fail unless that server allows them.`);
    })();
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

  return (
    <div className="options">
      <header><h1>Glimpse options</h1></header>
      <main>
        <section aria-labelledby="profiles-heading">
          <h2 id="profiles-heading">Profiles</h2>
          <label htmlFor="profile-select">Profile to edit</label>
          <select id="profile-select" value={form.id} onChange={(e) => setForm(profiles.find((p) => p.id === e.target.value) ?? form)}>
            {!profiles.some((p) => p.id === form.id) && <option value={form.id}>{form.name} (not saved)</option>}
            {profiles.map((p) => (
              <option key={p.id} value={p.id}>{p.name}{p.id === defaultId ? ' (default)' : ''}</option>
            ))}
          </select>
          <div className="row">
            <span>
              <label htmlFor="template">Template</label>
              <select id="template" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                {TEMPLATES.map((t) => <option key={t.id} value={t.id}>{t.label}</option>)}
              </select>
            </span>
            <button type="button" onClick={() => { setForm(fromTemplate(templateId, providers)); setModels([]); setStatus(''); }}>Add profile</button>
            <button type="button" disabled={!profiles.some((p) => p.id === form.id) || form.id === defaultId}
              onClick={() => void defaultProfileIdItem.setValue(form.id).then(() => { setDefaultId(form.id); setStatus(`“${form.name}” is now the default.`); })}>
              Make default
            </button>
            <button type="button" disabled={!profiles.some((p) => p.id === form.id)}
              onClick={() => { if (confirm(`Delete the profile “${form.name}”?`)) void deleteProfile(form.id).then(async () => {
                const list = await profilesItem.getValue();
                setForm(list[0] ?? blank(providers[0]));
                setDefaultId(await defaultProfileIdItem.getValue());
                setStatus('Profile deleted.');
              }); }}>
              Delete profile
            </button>
          </div>
        </section>

        <form aria-labelledby="provider-heading" onSubmit={(e) => (e.preventDefault(), save())}>
          <h2 id="provider-heading">Connection</h2>
          <label htmlFor="name">Profile name</label>
          <input id="name" value={form.name} onChange={(e) => set({ name: e.target.value })} />

          <label htmlFor="provider">Provider</label>
          <select id="provider" value={form.provider} onChange={(e) => changeProvider(e.target.value)}>
            {providers.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
          </select>

          <label htmlFor="base-url">Base URL</label>
          <input id="base-url" type="url" value={form.baseUrl} onChange={(e) => set({ baseUrl: e.target.value })} aria-describedby="base-url-hint" />
          <p id="base-url-hint" className="hint">{info?.baseUrlHint ?? `Default: ${info?.defaultBaseUrl ?? ''}`}</p>

          <label htmlFor="api-key">API key</label>
          <input id="api-key" type="password" autoComplete="off" value={form.apiKey} onChange={(e) => set({ apiKey: e.target.value })} aria-describedby="api-key-hint" />
          <p id="api-key-hint" className="hint">
            {info?.keyRequired ? 'Required. ' : 'Optional for local servers. '}Kept only in this browser’s extension storage and sent only to this provider.
            {info?.keyUrl && <> <a href={info.keyUrl} target="_blank" rel="noopener noreferrer">Get a key or set up</a></>}
          </p>

          <label htmlFor="model">Model</label>
          <input id="model" list="model-list" value={form.model} onChange={(e) => set({ model: e.target.value })} />
          <datalist id="model-list">{models.map((m) => <option key={m} value={m} />)}</datalist>

          {template && (
            <div className="template-note" data-testid="template-note">
              <p>{template.note}</p>
              {template.helpUrl && <p><a href={template.helpUrl} target="_blank" rel="noopener noreferrer">{template.local ? 'Local setup guide' : 'Get an API key'}</a></p>}
              {template.local && (
                <button type="button" disabled={busy} onClick={() => void run(async () => {
                  setStatus('Checking the local server…');
                  const r = await sendMessage('checkLocal', { profile: form, installHint: template.installHint });
                  setStatus(r.message);
                })}>Check server and model</button>
              )}
            </div>
          )}

          {form.provider === 'openai' && (
            <>
              <label htmlFor="detail">Image detail</label>
              <select id="detail" value={form.detail ?? 'auto'} onChange={(e) => set({ detail: e.target.value as Detail })} aria-describedby="detail-hint">
                <option value="low">Low (cheapest: 512 px)</option>
                <option value="auto">Auto</option>
                <option value="high">High (most detail, most tokens)</option>
              </select>
              <p id="detail-hint" className="hint">How much of the image OpenAI looks at; low costs a fixed small number of tokens.</p>
            </>
          )}

          <div className="row">
            <button type="submit">Save</button>
            <button type="button" disabled={busy} onClick={() => void run(async () => {
              setStatus('Testing…');
              const r = await sendMessage('testConnection', { profile: form });
              setStatus(r.ok ? r.message : `Connection failed: ${r.message}`);
            })}>Test connection</button>
            <button type="button" disabled={busy} onClick={() => void run(async () => {
              const list = await sendMessage('listModels', { profile: form });
              setModels(list);
              setStatus(list.length ? `Found ${list.length} models; pick one in the Model field.` : 'This provider does not list its models; type the model name.');
            })}>Load model list</button>
          </div>
        </form>
        <p role="status" className="status" data-testid="status">{status}</p>
        <PresetEditor profiles={profiles} />
      </main>
    </div>
  );
}

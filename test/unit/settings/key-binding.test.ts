import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { moveEndpoint } from '../../../components/options/key-guard';
import { profilesItem, type Profile } from '../../../utils/settings/items';
import { bindKey, endpointOf, keyBound, plainHttpRemote } from '../../../utils/settings/key-binding';

const openai: Profile = { id: 'p', name: 'OpenAI', provider: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-openai', model: 'gpt-4o' };

describe('a key is bound to the endpoint it was saved for', () => {
  it('binds to provider and origin; path changes keep it, provider or origin changes do not', () => {
    const bound = bindKey(openai);
    expect(bound.keyFor).toBe('openai https://api.openai.com');
    expect(keyBound({ ...bound, baseUrl: 'https://api.openai.com/v2' })).toBe(true);
    expect(keyBound({ ...bound, baseUrl: 'http://127.0.0.1:1234/v1' })).toBe(false);
    expect(keyBound({ ...bound, provider: 'openai-compatible' })).toBe(false);
    expect(keyBound({ ...bound, baseUrl: 'https://api.openai.com.evil.test/v1' })).toBe(false);
    // No key: nothing to protect; a profile from before binding: bound where it is (the migration's meaning).
    expect(bindKey({ ...bound, apiKey: '' }).keyFor).toBeUndefined();
    expect(keyBound({ ...openai, baseUrl: 'http://elsewhere.test' })).toBe(true);
    expect(endpointOf({ provider: 'x', baseUrl: 'not a url' })).toBe('x ');
  });

  it('the storage migration binds every stored key to its current endpoint', async () => {
    fakeBrowser.reset();
    const local = { ...openai, id: 'l', provider: 'openai-compatible', baseUrl: 'http://localhost:1234/v1' };
    const moved = { ...local, id: 'm', keyFor: 'openai https://api.openai.com' };
    await fakeBrowser.storage.local.set({ profiles: [openai, local, { ...openai, id: 'n', apiKey: '' }, moved], profiles$: { v: 1 } });
    await profilesItem.migrate();
    const [a, b, c, d] = await profilesItem.getValue();
    expect([a!.keyFor, b!.keyFor, c!.keyFor]).toEqual(['openai https://api.openai.com', 'openai-compatible http://localhost:1234', undefined]);
    // An existing binding is kept, never moved to where the profile points now.
    expect(d!.keyFor).toBe('openai https://api.openai.com');
  });

  it('plain http to another machine is flagged; https and loopback are not', () => {
    expect(plainHttpRemote('http://gateway.corp.test:8080/v1')).toBe('gateway.corp.test:8080');
    expect(plainHttpRemote('http://192.168.1.5:11434')).toBe('192.168.1.5:11434');
    for (const ok of ['https://api.openai.com/v1', 'http://localhost:1234/v1', 'http://127.0.0.1:11434', 'http://[::1]:8000', 'http://ollama.localhost', '']) {
      expect(plainHttpRemote(ok)).toBeUndefined();
    }
  });
});

describe('options form: moving a profile to another endpoint', () => {
  beforeEach(() => fakeBrowser.reset());
  const saved = bindKey(openai);

  it('clears a saved key when the provider or the origin changes, and says why', () => {
    const toLocal = moveEndpoint(saved, { provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:1234/v1' }, false);
    expect(toLocal.form.apiKey).toBe('');
    expect(toLocal.form.keyFor).toBeUndefined();
    expect(toLocal.note).toContain('https://api.openai.com');
    expect(moveEndpoint(saved, { provider: 'anthropic' }, false).form.apiKey).toBe('');
    // A legacy profile (no keyFor) is treated as bound where it was.
    expect(moveEndpoint(openai, { baseUrl: 'http://127.0.0.1:9/v1' }, false).form.apiKey).toBe('');
  });

  it('extra headers (which may hold a secret) are bound and cleared with the key', () => {
    const gateway = bindKey({ ...openai, provider: 'openai-compatible', baseUrl: 'https://gw.corp.test/v1', apiKey: '', extraHeaders: 'Authorization: Bearer corp' });
    expect(gateway.keyFor).toBe('openai-compatible https://gw.corp.test');
    expect(keyBound({ ...gateway, baseUrl: 'https://other.test/v1' })).toBe(false);
    const moved = moveEndpoint(gateway, { baseUrl: 'https://other.test/v1' }, false);
    expect(moved.form.extraHeaders).toBeUndefined();
    expect(moved.note).toContain('https://gw.corp.test');
  });

  it('keeps the key on a path change, and lets a key typed in this form follow the form', () => {
    expect(moveEndpoint(saved, { baseUrl: 'https://api.openai.com/v1/' }, false)).toEqual({ form: { ...saved, baseUrl: 'https://api.openai.com/v1/' } });
    const typed = moveEndpoint({ ...openai, apiKey: 'lm-key' }, { provider: 'openai-compatible', baseUrl: 'http://127.0.0.1:1234/v1' }, true);
    expect(typed.form).toMatchObject({ apiKey: 'lm-key', keyFor: 'openai-compatible http://127.0.0.1:1234' });
    expect(typed.note).toBeUndefined();
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultProfileIdItem, deleteProfile, profilesItem, resolveProfile, saveProfile, type Profile } from '../../../utils/settings/items';

const p = (id: string, extra: Partial<Profile> = {}): Profile => ({
  id, name: id.toUpperCase(), provider: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: `key-${id}`, model: 'gpt-4o', ...extra,
});

describe('profiles in storage.local', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('has no profile at first', async () => {
    expect(await resolveProfile()).toBeUndefined();
    expect(await profilesItem.getValue()).toEqual([]);
  });

  it('the first saved profile becomes the default; saving again replaces it in place', async () => {
    await saveProfile(p('a'));
    await saveProfile(p('b'));
    expect(await defaultProfileIdItem.getValue()).toBe('a');
    await saveProfile(p('a', { model: 'gpt-4.1-mini' }));
    const all = await profilesItem.getValue();
    expect(all.map((x) => x.id)).toEqual(['a', 'b']);
    expect(all[0]!.model).toBe('gpt-4.1-mini');
    // Keys are stored in storage.local (the worker and options page read them there).
    expect(await fakeBrowser.storage.local.get('profiles')).toEqual({ profiles: all });
  });

  it('resolves the preferred profile, else the default, else the first', async () => {
    await saveProfile(p('a'));
    await saveProfile(p('b'));
    await saveProfile(p('c'));
    expect((await resolveProfile('c'))?.id).toBe('c');
    expect((await resolveProfile('missing'))?.id).toBe('a');
    await defaultProfileIdItem.setValue('b');
    expect((await resolveProfile())?.id).toBe('b');
    await defaultProfileIdItem.setValue('gone');
    expect((await resolveProfile())?.id).toBe('a');
  });

  it('deleting the default moves the default to the first remaining profile, or to none', async () => {
    await saveProfile(p('a'));
    await saveProfile(p('b'));
    await deleteProfile('a');
    expect(await defaultProfileIdItem.getValue()).toBe('b');
    await deleteProfile('b');
    expect(await defaultProfileIdItem.getValue()).toBeNull();
    expect(await resolveProfile()).toBeUndefined();
  });
});

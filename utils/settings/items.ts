import { storage } from 'wxt/utils/storage';

export type Detail = 'low' | 'high' | 'auto';

/** A named provider configuration. Keys live only in storage.local, read by the worker and options page. */
export interface Profile {
  id: string;
  name: string;
  /** Id of a provider definition, e.g. `openai`, `anthropic`, `openai-compatible`. */
  provider: string;
  baseUrl: string;
  apiKey: string;
  model: string;
  detail?: Detail;
  /** The template it was made from, for its setup notes. */
  template?: string;
  /** Gateways: extra request headers as typed, one `Name: value` per line, checked on Save. Kept with the key, never logged. */
  extraHeaders?: string;
  /** false: never ask for `response_format: json_schema` (JSON in the text only). Unset means ask. */
  structuredOutput?: boolean;
}

export const profilesItem = storage.defineItem<Profile[]>('local:profiles', {
  fallback: [],
  version: 1,
});

export const defaultProfileIdItem = storage.defineItem<string | null>('local:defaultProfileId', {
  fallback: null,
  version: 1,
});

/** The preset's own profile, else the default, else the first one. */
export async function resolveProfile(preferredId?: string): Promise<Profile | undefined> {
  const [profiles, defaultId] = await Promise.all([
    profilesItem.getValue(),
    defaultProfileIdItem.getValue(),
  ]);
  return (
    profiles.find((p) => p.id === preferredId) ??
    profiles.find((p) => p.id === defaultId) ??
    profiles[0]
  );
}

export async function saveProfile(profile: Profile): Promise<void> {
  const profiles = await profilesItem.getValue();
  const i = profiles.findIndex((p) => p.id === profile.id);
  const next = i === -1 ? [...profiles, profile] : profiles.map((p, j) => (j === i ? profile : p));
  await profilesItem.setValue(next);
  if (!(await defaultProfileIdItem.getValue())) await defaultProfileIdItem.setValue(profile.id);
}

export async function deleteProfile(id: string): Promise<void> {
  const profiles = (await profilesItem.getValue()).filter((p) => p.id !== id);
  await profilesItem.setValue(profiles);
  if ((await defaultProfileIdItem.getValue()) === id) {
    await defaultProfileIdItem.setValue(profiles[0]?.id ?? null);
  }
}

/** How answers are written: language ('' = the page's, else the browser's) and the alt-text length limit. */
export interface AnswerSettings {
  language: string;
  altMaxLength: number;
}

export const answerSettingsItem = storage.defineItem<AnswerSettings>('local:answerSettings', {
  fallback: { language: '', altMaxLength: 125 },
  version: 1,
});

/**
 * Off by default. When on (with all-sites access), a tiny script in every page remembers where the
 * last right-click was, so a right-click on an image the menu cannot see needs no picker.
 */
export const skipPickerItem = storage.defineItem<boolean>('local:skipPicker', { fallback: false });

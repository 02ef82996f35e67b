import { storage } from 'wxt/utils/storage';
import { ASK_PRESET, BUILTIN_PRESETS, type Preset } from './presets';
import { t } from '../i18n';

/** The user's ordered preset list; starts as the built-ins. */
export const presetsItem = storage.defineItem<Preset[]>('local:presets', {
  fallback: BUILTIN_PRESETS.map((p) => ({ ...p, enabled: true })),
  version: 1,
});

export async function getPresets(): Promise<Preset[]> {
  return presetsItem.getValue();
}

/** A stored preset, else a built-in (even one the user deleted: old entries still name it). */
export async function getPreset(id: string): Promise<Preset> {
  if (id === 'ask') return ASK_PRESET;
  const stored = (await getPresets()).find((p) => p.id === id);
  return stored ?? BUILTIN_PRESETS.find((p) => p.id === id) ?? ASK_PRESET;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'preset';

/** Validates and stores the list; returns a readable problem instead of saving bad data. */
export async function savePresets(list: Preset[]): Promise<string | undefined> {
  const ids = new Set<string>();
  for (const p of list) {
    if (!p.title.trim()) return t('presetNeedsTitle');
    if (!p.prompt.trim()) return t('presetNeedsPrompt', p.title);
    if (!/^[a-z0-9-]+$/.test(p.id) || ids.has(p.id) || p.id === 'ask' || p.id === 'region') return t('presetBadId', p.title);
    ids.add(p.id);
  }
  await presetsItem.setValue(list);
  return undefined;
}

export function newPreset(title: string, existing: Preset[]): Preset {
  let id = slug(title);
  for (let i = 2; existing.some((p) => p.id === id); i++) id = `${slug(title)}-${i}`;
  return { id, title, prompt: '', output: 'markdown', enabled: true };
}

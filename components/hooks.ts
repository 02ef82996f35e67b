import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { Entry } from '../utils/store/db';
import { currentText, liveTextStore } from '../utils/store/live-text';
import { sendMessage, type ProfileSummary } from '../utils/messages';
import { presetsItem } from '../utils/settings/preset-store';
import type { Preset } from '../utils/settings/presets';
import { answerSettingsItem, profilesItem, type AnswerSettings } from '../utils/settings/items';

/** Profile names and models (never keys), kept current as options change. */
export function useProfiles(): ProfileSummary[] {
  const [list, setList] = useState<ProfileSummary[]>([]);
  useEffect(() => {
    const load = () => void sendMessage('listProfiles', undefined).then(setList, () => setList([]));
    load();
    // Only the change signal is used here; the summary comes from the worker without keys.
    return profilesItem.watch(load);
  }, []);
  return list;
}

export function usePresets(): Preset[] {
  const [list, setList] = useState<Preset[]>([]);
  useEffect(() => {
    void presetsItem.getValue().then(setList);
    return presetsItem.watch(setList);
  }, []);
  return list;
}

export function useAnswerSettings(): AnswerSettings {
  const [s, setS] = useState<AnswerSettings>(answerSettingsItem.fallback);
  useEffect(() => {
    void answerSettingsItem.getValue().then(setS);
    return answerSettingsItem.watch(setS);
  }, []);
  return s;
}

let live: ReturnType<typeof liveTextStore> | undefined;

/** An answer's text, including tokens the worker has streamed but not yet stored. */
export function useAnswerText(entry: Entry): string {
  const streaming = entry.status === 'streaming';
  live ??= liveTextStore();
  const store = live;
  const subscribe = useCallback((l: () => void) => (streaming ? store.subscribe(entry.id, l) : () => undefined), [store, entry.id, streaming]);
  const text = useSyncExternalStore(subscribe, () => store.get(entry.id));
  return currentText(entry.text, streaming, text);
}

import { CaptureError, fetchImage, type RawImage } from '../capture/fetch-image';
import { db, newId, type ImageSource } from '../db';
import { ImageError, prepareImage } from '../image/prepare';
import { targetSize } from '../image/resize';
import { presetIdFromMenu, type Preset } from '../presets';
import { getPreset } from '../preset-store';
import { browser } from 'wxt/browser';
import { altTextPrompt, languageName, type AltContext } from '../alt-text/prompt';
import { enforceImageBudget } from '../storage-budget';
import { answerSettingsItem, resolveProfile } from '../settings';
import { startAnswer } from './answer';

export interface CaptureTarget {
  source: Omit<ImageSource, 'method'>;
  /** Obtains the raw bytes; may throw CaptureError. */
  obtain: () => Promise<RawImage>;
  /** What the page says around the image, for alt text; null when unknown. */
  context?: () => Promise<AltContext | null>;
}

/** Preset, then capture, then preparation, then a thread; starts the answer unless the user will ask. */
export async function captureAndAnswer(presetId: string, target: CaptureTarget): Promise<string> {
  // Menu ids of custom presets are `preset:<id>`.
  const preset: Preset = await getPreset(presetIdFromMenu(presetId));
  // Page context and settings load while the bytes are fetched and prepared.
  const extras = Promise.all([target.context?.().catch(() => null) ?? null, answerSettingsItem.getValue()]);
  const profile = await resolveProfile(preset.profileId);
  const threadId = newId();
  const now = Date.now();
  try {
    const raw = await target.obtain();
    const prepared = await prepareImage(raw.bytes, raw.mime, (s) =>
      targetSize(profile?.provider ?? '', profile?.model ?? '', s),
    );
    const imageId = newId();
    await db.transaction('rw', db.images, db.threads, async () => {
      await db.images.add({ id: imageId, createdAt: now, ...prepared, source: { ...target.source, method: raw.method } });
      await db.threads.add({ id: threadId, imageId, createdAt: now, updatedAt: now, presetId: preset.id, title: preset.title, source: { ...target.source, method: raw.method } });
    });
  } catch (err) {
    if (!(err instanceof CaptureError || err instanceof ImageError)) throw err;
    // Nothing is lost: the failure is a visible entry the user can act on.
    await db.threads.add({ id: threadId, imageId: '', createdAt: now, updatedAt: now, presetId: preset.id, title: preset.title, source: { ...target.source, method: 'worker-fetch' } });
    const entryId = newId();
    await db.entries.add({
      id: entryId,
      threadId,
      createdAt: now,
      updatedAt: now,
      presetId: preset.id,
      prompt: preset.prompt,
      status: 'failed',
      text: '',
      error: { kind: err instanceof CaptureError ? `capture-${err.kind}` : 'image', message: err.message },
    });
    return entryId;
  }
  // Keep storage bounded: old full-size images go first, text never does.
  void enforceImageBudget().catch(() => undefined);
  if (preset.id === 'ask') return threadId;
  const [ctx, settings] = await extras;
  const lang = settings.language || ctx?.pageLang || browser.i18n.getUILanguage();
  // The user's chosen language, else the page's: stated in the request, since models follow the prompt's language otherwise.
  const prompt =
    preset.output === 'alt-text'
      ? altTextPrompt(ctx ?? {}, { lead: preset.prompt, language: lang, maxLength: settings.altMaxLength })
      : `${preset.prompt}\n\nAnswer in ${languageName(lang)}.`;
  return startAnswer({ threadId, presetId: preset.id, prompt, profileId: preset.profileId });
}

export const imageFromUrl = (srcUrl: string): CaptureTarget['obtain'] => () => fetchImage(srcUrl);

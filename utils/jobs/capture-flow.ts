import { CaptureError, type RawImage } from '../capture/fetch-image';
import { db, newId, type ImageSource, type Thread } from '../store/db';
import { ImageError, prepareForSend, type Prepared } from '../image/prepare';
import { targetSize } from '../image/vision-rules';
import { imageLimits } from '../image/tiles';
import { decodeAtSize } from '../decoder/client';
import { presetIdFromMenu, type Preset } from '../settings/presets';
import { getPreset } from '../settings/preset-store';
import { altTextPrompt, languageName, type AltContext } from '../alt-text/prompt';
import { enforceImageBudget } from '../store/storage-budget';
import { answerSettingsItem, resolveProfile } from '../settings/items';
import { startAnswer } from './answer';
import { mark } from '../marks';
import { warmConnection } from './warm-connection';
import { userLanguage } from '../i18n';

export interface CaptureTarget {
  source: Omit<ImageSource, 'method'>;
  /** Obtains the raw bytes; may throw CaptureError. */
  obtain: () => Promise<RawImage>;
  /** What the page says around the image, for alt text; null when unknown. */
  context?: () => Promise<AltContext | null>;
}

const ignore = () => undefined;

/**
 * Preset, then capture, then preparation, then a thread; starts the answer unless the user will ask.
 * Only what the request needs sits between the click and the request: the bytes are fetched while
 * settings load, the entry and thread are stored while the image is decoded and encoded, and the
 * thumbnail and image row are stored alongside the request (this resolves once they are).
 */
export async function captureAndAnswer(presetId: string, target: CaptureTarget): Promise<string> {
  mark('click');
  const raw = target.obtain();
  raw.catch(ignore); // awaited below; not an unhandled rejection meanwhile
  // Menu ids of custom presets are `preset:<id>`.
  const preset: Preset = await getPreset(presetIdFromMenu(presetId));
  // Page context and settings load while the bytes are fetched and prepared.
  const extras = Promise.all([target.context?.().catch(() => null) ?? null, answerSettingsItem.getValue()]);
  const profile = await resolveProfile(preset.profileId);
  // The connection opens while the bytes are fetched and decoded; a question the user will type waits longer than it stays open.
  if (profile && preset.id !== 'ask') warmConnection(profile.baseUrl);
  const threadId = newId();
  const now = Date.now();
  let got: RawImage;
  try {
    got = await raw;
  } catch (err) {
    if (!(err instanceof CaptureError)) throw err;
    // Nothing was obtained; the thread keeps where it came from, so Retry can capture again.
    return storeFailure(threadId, now, preset, { ...target.source, method: 'worker-fetch' }, err);
  }
  mark('obtained');
  const note = got.note;
  const prepared = prepareForSend(got.bytes, got.mime, (s) => targetSize(profile?.provider ?? '', profile?.model ?? '', s, profile?.detail), decodeAtSize, imageLimits(profile?.provider ?? '')).then((p) => {
    if (note) p.image.notes.unshift(note);
    return p;
  });
  prepared.catch(ignore);
  const source = { ...target.source, method: got.method, ...(got.lacksAccess ? { lacksAccess: true } : {}) };
  const imageId = newId();
  const thread: Thread = { id: threadId, imageId, createdAt: now, updatedAt: now, presetId: preset.id, title: preset.title, source };
  const saveImage = async (p: Prepared, addThread: boolean) => {
    const thumb = await p.thumb();
    await db.transaction('rw', db.images, db.threads, async () => {
      await db.images.add({ id: imageId, createdAt: now, ...p.image, thumb, source });
      if (addThread) await db.threads.add(thread);
    });
    // Keep storage bounded: old full-size images go first, text never does.
    void enforceImageBudget().catch(ignore);
  };
  if (preset.id === 'ask') {
    let p: Prepared;
    try {
      p = await prepared;
    } catch (err) {
      if (!(err instanceof ImageError)) throw err;
      return storeFailure(threadId, now, preset, source, err);
    }
    await saveImage(p, true);
    return threadId;
  }
  // The image row is written as soon as the image is ready, alongside the request rather than before it.
  let saved: Promise<void> | undefined;
  const image = prepared.then((p) => {
    // A macrotask later: the request is built and handed to fetch() in microtasks, before this runs.
    saved = new Promise((r) => setTimeout(r, 0)).then(() => saveImage(p, false));
    saved.catch(ignore); // awaited below
    return p.image;
  });
  const [ctx, settings] = await extras;
  const lang = settings.language || ctx?.pageLang || userLanguage();
  // The user's chosen language, else the page's: stated in the request, since models follow the prompt's language otherwise.
  const prompt =
    preset.output === 'alt-text'
      ? altTextPrompt(ctx ?? {}, { lead: preset.prompt, language: lang, maxLength: settings.altMaxLength })
      : `${preset.prompt}\n\nAnswer in ${languageName(lang)}.`;
  // An image that cannot be decoded fails the entry (kind `image`) before anything is sent.
  let entryId: string;
  try {
    entryId = await startAnswer({ threadId, presetId: preset.id, prompt, profileId: preset.profileId, profile, thread, image });
  } catch (err) {
    // Nothing was stored for this capture (the entry and thread go in one transaction): no image row either.
    await prepared.then(() => saved).catch(ignore);
    await db.images.delete(imageId).catch(ignore);
    throw err;
  }
  // An image that failed, or whose row could not be stored, costs the thumbnail and follow-ups, never
  // the answer; the thread then names no image, so Retry captures again.
  const stored = await prepared.then(() => saved).then(() => true, () => false);
  if (!stored) await db.threads.update(threadId, { imageId: '' }).catch(ignore);
  return entryId;
}

/** Nothing is lost: a capture or decoding failure is a visible entry the user can act on. */
async function storeFailure(threadId: string, now: number, preset: Preset, source: ImageSource, err: CaptureError | ImageError): Promise<string> {
  const entryId = newId();
  await db.transaction('rw', db.threads, db.entries, async () => {
    await db.threads.add({ id: threadId, imageId: '', createdAt: now, updatedAt: now, presetId: preset.id, title: preset.title, source });
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
  });
  return entryId;
}


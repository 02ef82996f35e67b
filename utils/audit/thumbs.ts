import { fetchImage } from '../capture/fetch-image';
import { isPrivateHost } from '../capture/hosts';
import { db } from '../store/db';
import { makeThumb } from '../image/thumb';
import { keepAlive } from '../jobs/keepalive';

const LANES = 4;
/** Thumbnails are written in batches, so the panel re-renders a few times rather than once per image. */
const FLUSH_MS = 150;
const FETCH_TIMEOUT_MS = 15_000;
/** A thumbnail is 96 px: a larger file than this is a page's trick, not a picture worth fetching. */
const THUMB_MAX_BYTES = 20 * 1024 * 1024;
/** At most this many images are fetched for one audit; the rest show the placeholder. */
export const MAX_THUMBS = 200;

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

/**
 * The page chooses these URLs, so they are fetched without the user's cookies, and never from this machine or
 * the local network unless the audited page is itself there (a page must not make Glimpse probe a router).
 */
export function thumbSources(pageUrl: string, srcs: string[]): string[] {
  const local = isPrivateHost(hostOf(pageUrl));
  return srcs.filter((s) => s.startsWith('data:') || (/^https?:/i.test(s) && (local || !isPrivateHost(hostOf(s))))).slice(0, MAX_THUMBS);
}

/** A thumbnail's bytes through the one download path, so its size cap and timeout hold here too. */
const thumbBytes = (src: string) => fetchImage(src, undefined, 'force-cache', { anonymous: true, timeoutMs: FETCH_TIMEOUT_MS, maxBytes: THUMB_MAX_BYTES });

/**
 * Fills in thumbnails for an audit that is already saved (the list never waits for them): each distinct
 * src is fetched once, a few at a time, in page order. An image that cannot be fetched or decoded keeps
 * none; the panel shows a placeholder. Resolves with the number of thumbnails written.
 */
export async function fillThumbs(auditId: string, pageUrl: string, items: { key: string; src: string }[]): Promise<number> {
  const bySrc = new Map<string, string[]>();
  for (const i of items) bySrc.set(i.src, [...(bySrc.get(i.src) ?? []), i.key]);
  const srcs = thumbSources(pageUrl, [...bySrc.keys()]);
  const pending = new Map<string, string>();
  let written = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    timer = undefined;
    const batch = new Map(pending);
    pending.clear();
    written += batch.size;
    flushing = flushing.then(() =>
      db.audits.where('id').equals(auditId).modify((a) => {
        for (const it of a.items) if (batch.has(it.key)) it.thumb = batch.get(it.key);
      }).then(() => undefined),
    );
  };
  const one = async (src: string) => {
    try {
      const raw = await thumbBytes(src);
      const thumb = await makeThumb(raw.bytes, raw.mime);
      if (!thumb) return;
      for (const key of bySrc.get(src)!) pending.set(key, thumb);
      timer ??= setTimeout(flush, FLUSH_MS);
    } catch {
      // No thumbnail: the placeholder stays.
    }
  };
  await keepAlive(() =>
    Promise.all(
      Array.from({ length: Math.min(LANES, srcs.length) }, async () => {
        for (let src = srcs.shift(); src; src = srcs.shift()) await one(src);
      }),
    ),
  );
  clearTimeout(timer);
  if (pending.size) flush();
  await flushing;
  return written;
}

/** Audits kept with their thumbnails; older ones keep every result but drop the pictures (~250 KB each). */
const KEEP_THUMBS = 5;

export async function trimOldThumbs(keep = KEEP_THUMBS): Promise<void> {
  const old = await db.audits.orderBy('createdAt').reverse().offset(keep).primaryKeys();
  if (!old.length) return;
  await db.audits.where('id').anyOf(old).modify((a) => {
    for (const it of a.items) delete it.thumb;
  });
}

import { db, preindexWords, type Entry } from '../store/db';
import { scheduleMerge } from '../store/fresh-merge';
import { liveTextPoster } from '../store/live-text';

/**
 * At most this often while text streams: every open panel re-reads the entry on each write. Open
 * panels get the text sooner over the live channel (utils/store/live-text.ts); this bounds what a killed worker loses.
 */
export const STREAM_WRITE_MS = 150;

/**
 * Persists an entry as it streams. Patches are merged and written at most every
 * STREAM_WRITE_MS (a status change goes at once), so every token reaches IndexedDB within
 * a few tens of milliseconds without one transaction per token.
 */
export function entryWriter(id: string, intervalMs = STREAM_WRITE_MS) {
  let pending: Partial<Entry> | null = null;
  let flushing: Promise<void> | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  let urgent = false;
  const live = liveTextPoster(id);

  async function flush(): Promise<void> {
    const patch = pending!;
    pending = null;
    urgent = false;
    last = Date.now();
    const settles = !!patch.status && patch.status !== 'streaming';
    if (settles) await preindexWords(id, patch).catch(() => undefined);
    await db.entries.update(id, { ...patch, updatedAt: last });
    // A settled answer's words go into postings in the background (utils/store/fresh-merge.ts).
    if (settles) scheduleMerge();
    flushing = null;
    if (pending) schedule();
  }

  function start() {
    clearTimeout(timer);
    timer = undefined;
    flushing = flush();
  }

  /** Next write: at once for a status change, else no sooner than the interval after the last. */
  function schedule() {
    if (flushing) return;
    const wait = urgent ? 0 : last + intervalMs - Date.now();
    if (wait <= 0) start();
    else if (!timer) timer = setTimeout(start, wait);
  }

  return {
    update(patch: Partial<Entry>): void {
      pending = { ...pending, ...patch };
      if ('status' in patch && patch.status !== 'streaming') live.close();
      else if (patch.text !== undefined) live.text(patch.text);
      if ('status' in patch) urgent = true;
      if (urgent && timer) start();
      else schedule();
    },
    /** Writes anything pending now and resolves once everything written so far is stored. */
    async settle(): Promise<void> {
      for (;;) {
        if (flushing) await flushing;
        else if (pending) start();
        else return;
      }
    },
  };
}

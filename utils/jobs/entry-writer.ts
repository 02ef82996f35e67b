import { db, type Entry } from '../db';

/** At most this often while text streams: every open panel re-reads on each write. */
export const STREAM_WRITE_MS = 40;

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

  async function flush(): Promise<void> {
    while (pending) {
      const patch = pending;
      pending = null;
      last = Date.now();
      await db.entries.update(id, { ...patch, updatedAt: last });
    }
    flushing = null;
  }

  const start = () => {
    clearTimeout(timer);
    timer = undefined;
    flushing ??= flush();
  };

  return {
    update(patch: Partial<Entry>): void {
      pending = { ...pending, ...patch };
      if (flushing || timer) {
        if ('status' in patch && !flushing) start();
        return;
      }
      const wait = 'status' in patch ? 0 : last + intervalMs - Date.now();
      if (wait <= 0) start();
      else timer = setTimeout(start, wait);
    },
    /** Writes anything pending now and resolves once everything written so far is stored. */
    async settle(): Promise<void> {
      if (timer) start();
      while (flushing) await flushing;
    },
  };
}

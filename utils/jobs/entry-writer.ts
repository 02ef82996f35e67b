import { db, type Entry } from '../db';

/**
 * Persists an entry as it streams. Patches that arrive while a write is in flight are
 * merged, so every token reaches IndexedDB without one transaction per token.
 */
export function entryWriter(id: string) {
  let pending: Partial<Entry> | null = null;
  let flushing: Promise<void> | null = null;

  async function flush(): Promise<void> {
    while (pending) {
      const patch = pending;
      pending = null;
      await db.entries.update(id, { ...patch, updatedAt: Date.now() });
    }
    flushing = null;
  }

  return {
    update(patch: Partial<Entry>): void {
      pending = { ...pending, ...patch };
      flushing ??= flush();
    },
    /** Resolves once everything written so far is stored. */
    async settle(): Promise<void> {
      while (flushing) await flushing;
    },
  };
}

import { db, type AuditItem } from '../store/db';

/**
 * Item patches for one audit row. Every write rewrites the whole row (with its thumbnails), so patches
 * that arrive while a write is under way are merged into the next one: a busy batch does one write where
 * it would do many, and each caller still learns when its own patch is stored.
 */
export function auditWriter(auditId: string) {
  let pending = new Map<string, Partial<AuditItem>>();
  let waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let busy = false;
  const drain = async () => {
    busy = true;
    while (pending.size) {
      const batch = pending;
      const ws = waiters;
      pending = new Map();
      waiters = [];
      try {
        await db.audits.where('id').equals(auditId).modify((a) => {
          for (const it of a.items) if (batch.has(it.key)) Object.assign(it, batch.get(it.key));
        });
        ws.forEach((w) => w.resolve());
      } catch (e) {
        ws.forEach((w) => w.reject(e));
      }
    }
    busy = false;
  };
  return (key: string, patch: Partial<AuditItem>): Promise<void> => {
    pending.set(key, { ...pending.get(key), ...patch });
    const stored = new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
    if (!busy) void drain();
    return stored;
  };
}

import { z } from './zod';
import { base64ToBytes, bytesToBase64 } from './base64';
import { db, wordsOf, type Entry, type ImageRecord, type Thread } from './db';

export interface HistoryFilter {
  query?: string;
  presetId?: string;
  provider?: string;
  /** Only entries created at or after this time (ms). */
  since?: number;
}

type Keys = string[];

const desc = (keys: unknown[]): Keys => (keys as Keys).sort().reverse();
const idFloor = (since: number) => since.toString(36).padStart(9, '0');

/** Without filters the list pages through primary keys (ids sort by time), so no full read is needed. */
export const isUnfiltered = (f: HistoryFilter) => !f.query?.trim() && !f.presetId && !f.provider && !f.since;

export async function countAll(): Promise<number> {
  return db.entries.count();
}

/** Ids of one page of the unfiltered list, newest first. */
export async function pageIds(offset: number, limit: number): Promise<string[]> {
  return (await db.entries.orderBy(':id').reverse().offset(offset).limit(limit).primaryKeys()) as Keys;
}

/** Ids of matching entries, newest first (ids sort by creation time). */
export async function searchEntryIds(f: HistoryFilter): Promise<string[]> {
  const sets: Set<string>[] = [];
  const add = async (q: Promise<unknown[]>) => sets.push(new Set((await q) as Keys));
  if (f.presetId) await add(db.entries.where('[presetId+createdAt]').between([f.presetId, f.since ?? 0], [f.presetId, Infinity]).primaryKeys());
  if (f.provider) await add(db.entries.where('[provider+createdAt]').between([f.provider, f.since ?? 0], [f.provider, Infinity]).primaryKeys());
  // Every term must prefix-match some word of the entry.
  for (const t of f.query ? wordsOf({ text: f.query, prompt: '' }) : []) await add(db.entries.where('words').startsWith(t).primaryKeys());
  if (!sets.length) {
    return desc(await (f.since ? db.entries.where(':id').aboveOrEqual(idFloor(f.since)) : db.entries.toCollection()).primaryKeys());
  }
  sets.sort((a, b) => a.size - b.size);
  const [smallest, ...rest] = sets;
  const floor = f.since ? idFloor(f.since) : '';
  return desc([...smallest!].filter((id) => id >= floor && rest.every((s) => s.has(id))));
}

/** Deletes one answer; a conversation left empty goes too, with its image. */
export async function deleteEntry(id: string): Promise<void> {
  await db.transaction('rw', db.entries, db.threads, db.images, async () => {
    const e = await db.entries.get(id);
    if (!e) return;
    await db.entries.delete(id);
    if ((await db.entries.where('threadId').equals(e.threadId).count()) === 0) {
      const t = await db.threads.get(e.threadId);
      await db.threads.delete(e.threadId);
      if (t?.imageId) await db.images.delete(t.imageId);
    }
  });
}

export async function deleteAll(): Promise<void> {
  await db.transaction('rw', db.entries, db.threads, db.images, async () => {
    await Promise.all([db.entries.clear(), db.threads.clear(), db.images.clear()]);
  });
}

const FORMAT = 'glimpse-history';

const ExportSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  exportedAt: z.number(),
  threads: z.array(z.looseObject({ id: z.string(), imageId: z.string(), createdAt: z.number() })),
  entries: z.array(z.looseObject({ id: z.string(), threadId: z.string(), createdAt: z.number(), status: z.string(), text: z.string() })),
  images: z.array(z.looseObject({ id: z.string(), bytes: z.string(), mime: z.string() })),
});

/** Everything, as JSON; image bytes as base64. Import of this is lossless. */
export async function exportHistory(): Promise<string> {
  const [threads, entries, images] = await Promise.all([db.threads.toArray(), db.entries.toArray(), db.images.toArray()]);
  return JSON.stringify({
    format: FORMAT,
    version: 1,
    exportedAt: Date.now(),
    threads,
    entries: entries.map(({ words: _w, ...e }) => e),
    images: images.map((i) => ({ ...i, bytes: bytesToBase64(i.bytes) })),
  });
}

/** Merges an export into the database (same ids are replaced). Throws a readable error on bad input. */
export async function importHistory(json: string): Promise<{ threads: number; entries: number; images: number }> {
  let parsed: z.infer<typeof ExportSchema>;
  try {
    parsed = ExportSchema.parse(JSON.parse(json));
  } catch {
    throw new Error('This file is not a Glimpse history export, so nothing was imported.');
  }
  const images = parsed.images.map((i) => ({ ...i, bytes: base64ToBytes(i.bytes) }) as unknown as ImageRecord);
  await db.transaction('rw', db.entries, db.threads, db.images, async () => {
    await db.images.bulkPut(images);
    await db.threads.bulkPut(parsed.threads as unknown as Thread[]);
    await db.entries.bulkPut(parsed.entries as unknown as Entry[]);
  });
  return { threads: parsed.threads.length, entries: parsed.entries.length, images: images.length };
}

/** Providers that appear in history, found by skipping along the index (a few reads, not a scan). */
export async function historyProviders(): Promise<string[]> {
  const out: string[] = [];
  let next = await db.entries.orderBy('[provider+createdAt]').first();
  while (next?.provider !== undefined) {
    out.push(next.provider);
    next = await db.entries.where('[provider+createdAt]').above([next.provider, Infinity]).first();
  }
  return out;
}

import { z } from 'zod';
import { base64ToBytes, bytesToBase64 } from './base64';
import { db, wordsOf, type Entry, type ImageRecord, type Thread } from './db';

export interface HistoryFilter {
  query?: string;
  presetId?: string;
  provider?: string;
  /** Only entries created at or after this time (ms). */
  since?: number;
}

const MAX_TEXT_HITS = 5000;

/** Ids of matching entries, newest first. Only ids: the list loads rows as they scroll into view. */
export async function searchEntryIds(f: HistoryFilter): Promise<string[]> {
  const since = f.since ?? 0;
  const terms = f.query ? wordsOf({ text: f.query, prompt: '' }) : [];
  if (!terms.length) {
    if (f.presetId || f.provider) {
      const [index, value] = f.presetId ? ['[presetId+createdAt]', f.presetId] : ['[provider+createdAt]', f.provider!];
      let c = db.entries.where(index).between([value, since], [value, Infinity]).reverse();
      if (f.presetId && f.provider) c = c.filter((e) => e.provider === f.provider);
      return (await c.primaryKeys()) as string[];
    }
    return (await db.entries.where('createdAt').aboveOrEqual(since).reverse().primaryKeys()) as string[];
  }
  // Every term must prefix-match some word; start from the rarest-looking (longest) term.
  const sorted = [...terms].sort((a, b) => b.length - a.length);
  let ids = new Set((await db.entries.where('words').startsWith(sorted[0]!).limit(MAX_TEXT_HITS).primaryKeys()) as string[]);
  for (const t of sorted.slice(1)) {
    const next = new Set((await db.entries.where('words').startsWith(t).primaryKeys()) as string[]);
    ids = new Set([...ids].filter((id) => next.has(id)));
  }
  const rows = (await db.entries.bulkGet([...ids])).filter((e): e is Entry => !!e);
  return rows
    .filter((e) => e.createdAt >= since && (!f.presetId || e.presetId === f.presetId) && (!f.provider || e.provider === f.provider))
    .sort((a, b) => b.createdAt - a.createdAt)
    .map((e) => e.id);
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

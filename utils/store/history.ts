import { base64ToBytes, bytesToBase64 } from '../base64';
import type { ExportFile } from './history-schema';
import { ENTRY_COUNT, META } from './entries-index';
import { done } from './idb-request';
import { idsWithPrefix, POSTINGS } from './postings';
import { db, wordsOf, type Entry, type ImageRecord, type Thread } from './db';
import { t } from '../i18n';
import { mark } from '../marks';

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

/** What a history row shows: no search words, and the answer cut to a preview. */
export interface HistoryRowData {
  id: string;
  threadId: string;
  createdAt: number;
  presetId: string;
  question?: string;
  status: Entry['status'];
  preview: string;
}

const PREVIEW_CHARS = 240;

export const rowData = (e: Entry): HistoryRowData => ({
  id: e.id,
  threadId: e.threadId,
  createdAt: e.createdAt,
  presetId: e.presetId,
  question: e.question,
  status: e.status,
  preview: (e.text || e.error?.message || '').slice(0, PREVIEW_CHARS),
});

/** The unfiltered list: the total and one window of rows, newest first, in one read (ids sort by time). */
export async function listWindow(offset: number, limit: number): Promise<{ total: number; rows: HistoryRowData[] }> {
  return db.transaction('r', db.entries, db.table(META), async () => {
    const [stored, rows] = await Promise.all([db.table(META).get(ENTRY_COUNT) as Promise<unknown>, db.entries.orderBy(':id').reverse().offset(offset).limit(limit).toArray()]);
    // The stored count is kept with every write (entries-index.ts); a short last page or a count that
    // cannot be right means it is missing or off, so count, and store that outside this (live, read-only) query.
    const off = typeof stored !== 'number' || offset + rows.length > stored || (rows.length < limit && offset + rows.length !== stored);
    const total = off ? await db.entries.count() : stored;
    if (off) setTimeout(() => void storeEntryCount());
    return { total, rows: rows.map(rowData) };
  });
}

async function storeEntryCount(): Promise<void> {
  await db.transaction('rw', db.entries, db.table(META), async () => db.table(META).put(await db.entries.count(), ENTRY_COUNT));
}

/** Rows for some ids of a search result, in the same order (undefined where one was just deleted). */
export async function rowsFor(ids: string[]): Promise<(HistoryRowData | undefined)[]> {
  return (await db.entries.bulkGet(ids)).map((e) => e && rowData(e));
}

/**
 * Primary keys in one range of an index, read from IndexedDB directly. Inside a live query Dexie
 * records every key a secondary-index read returns (an AVL insert each: ~50 ms for 12,000 keys),
 * so the large reads go around it and `watch` below subscribes to the same ranges cheaply.
 */
const keysIn = (tx: IDBTransaction, index: string, range: IDBKeyRange): Promise<Keys> =>
  done(tx.objectStore('entries').index(index).getAllKeys(range)) as Promise<Keys>;

/** What a live search depends on, observed as ranges: entries that settle or change in these index ranges, and any add or delete. */
const watch = (ranges: [string, IDBKeyRange][]) =>
  Promise.all([
    db.entries.orderBy(':id').limit(1).primaryKeys(),
    // Any entry added or deleted changes the stored count: an import or a failed capture is found by its posted words.
    db.table(META).get(ENTRY_COUNT),
    // An answer that settles leaves this range; its words were indexed without a change message (db.ts preindexWords).
    // Merging an answer into postings takes it out of the fresh ranges, so a search reads it again then.
    db.entries.where('status').equals('streaming').primaryKeys(),
    ...ranges.map(([index, r]) => db.entries.where(index).between(r.lower, r.upper, true, true).limit(1).primaryKeys()),
  ]);

/** Ids of matching entries, newest first (ids sort by creation time). */
export async function searchEntryIds(f: HistoryFilter): Promise<string[]> {
  const terms = f.query ? wordsOf({ text: f.query, prompt: '' }) : [];
  if (!f.presetId && !f.provider && !terms.length) {
    return desc(await (f.since ? db.entries.where(':id').aboveOrEqual(idFloor(f.since)) : db.entries.toCollection()).primaryKeys());
  }
  const ranges: [string, IDBKeyRange][] = [
    ...(f.presetId ? [['[presetId+createdAt]', IDBKeyRange.bound([f.presetId, f.since ?? 0], [f.presetId, Infinity])] as [string, IDBKeyRange]] : []),
    ...(f.provider ? [['[provider+createdAt]', IDBKeyRange.bound([f.provider, f.since ?? 0], [f.provider, Infinity])] as [string, IDBKeyRange]] : []),
  ];
  // Every term must prefix-match some word of the entry: in postings, or in the fresh index of answers not yet merged into them.
  const fresh = terms.map((t): [string, IDBKeyRange] => ['fresh', IDBKeyRange.bound(t, `${t}\uffff`)]);
  const watched = [...ranges, ...fresh];
  mark('search-start');
  await db.open();
  const tx = db.backendDB().transaction(['entries', POSTINGS], 'readonly');
  const [lists] = await Promise.all([
    Promise.all([
      ...ranges.map(([index, r]) => keysIn(tx, index, r).finally(() => mark(`search-keys-${index}`))),
      ...terms.map((t, i) =>
        Promise.all([idsWithPrefix(tx.objectStore(POSTINGS), t), keysIn(tx, 'fresh', fresh[i]![1])])
          .then(([posted, recent]) => (recent.length ? [...posted, ...(recent as string[])] : posted))
          .finally(() => mark('search-keys-words')),
      ),
    ]),
    watch(watched),
  ]);
  mark('search-keys');
  const sets = lists.map((l) => new Set(l));
  sets.sort((a, b) => a.size - b.size);
  const [smallest, ...rest] = sets;
  const floor = f.since ? idFloor(f.since) : '';
  return desc([...smallest!].filter((id) => id >= floor && rest.every((s) => s.has(id))));
}

/** A search's ids with the rows of one window of them, read together. */
export async function searchWindow(f: HistoryFilter, offset: number, limit: number): Promise<{ ids: string[]; rows: (HistoryRowData | undefined)[] }> {
  const ids = await searchEntryIds(f);
  const rows = await rowsFor(ids.slice(offset, offset + limit));
  mark('search-rows');
  return { ids, rows };
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

/** Every answer, conversation, image and audit (with its thumbnails), and the search index with them. */
export async function deleteAll(): Promise<void> {
  await db.transaction('rw', [db.entries, db.threads, db.images, db.audits], async () => {
    await Promise.all([db.entries.clear(), db.threads.clear(), db.images.clear(), db.audits.clear()]);
  });
}

/** How long an image attached with Ask waits for a question before it is deleted. */
export const UNASKED_MAX_AGE_MS = 24 * 3600_000;

/**
 * Deletes images that history cannot show: attached with Ask but never asked about (a conversation without
 * an answer), and image rows that no conversation uses. Only older ones, so an image being asked about stays.
 */
export async function pruneUnasked(now = Date.now(), maxAgeMs = UNASKED_MAX_AGE_MS): Promise<number> {
  const before = now - maxAgeMs;
  return db.transaction('rw', db.entries, db.threads, db.images, async () => {
    const old = await db.threads.where('createdAt').below(before).toArray();
    // Index keys only: the threadId of every answer in those conversations, not the answers themselves.
    const asked = new Set(await db.entries.where('threadId').anyOf(old.map((th) => th.id)).keys());
    const empty = old.filter((th) => !asked.has(th.id));
    await db.threads.bulkDelete(empty.map((th) => th.id));
    const used = new Set((await db.threads.toArray()).map((th) => th.imageId));
    const orphans = (await db.images.where('createdAt').below(before).primaryKeys()).filter((id) => !used.has(id));
    await db.images.bulkDelete(orphans);
    return orphans.length;
  });
}

/** Everything, as JSON; image bytes as base64. Import of this is lossless. */
export async function exportHistory(): Promise<string> {
  // The format name lives with the import schema, so the two cannot drift; export is rare, so it may load it.
  const [{ FORMAT }, threads, entries, images] = await Promise.all([
    import('./history-schema'),
    db.threads.toArray(),
    db.entries.toArray(),
    db.images.toArray(),
  ]);
  return JSON.stringify({
    format: FORMAT,
    version: 1,
    exportedAt: Date.now(),
    threads,
    // Search fields are derived; an import computes them again.
    entries: entries.map(({ words: _w, posted: _p, fresh: _f, ...e }) => e),
    images: images.map((i) => ({ ...i, bytes: bytesToBase64(i.bytes) })),
  });
}

/** Merges an export into the database (same ids are replaced). Throws a readable error on bad input. */
export async function importHistory(json: string): Promise<{ threads: number; entries: number; images: number }> {
  // The validator (zod) loads only when someone imports.
  const { ExportSchema } = await import('./history-schema');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error(t('importNotGlimpse'));
  }
  const result = ExportSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const isExport = (data as { format?: unknown } | null)?.format === 'glimpse-history';
    // A file that calls itself an export but has a bad row: say which field, so the user can tell it was altered.
    throw new Error(isExport && issue ? t('importBadField', issue.path.join('.'), issue.message) : t('importNotGlimpse'));
  }
  const parsed: ExportFile = result.data;
  let images: ImageRecord[];
  try {
    images = parsed.images.map((i) => ({ ...i, bytes: base64ToBytes(i.bytes) }) as ImageRecord);
  } catch {
    throw new Error(t('importBadField', 'images.bytes', 'not base64'));
  }
  // An answer cannot still be streaming in another browser's export: it was cut off there.
  for (const e of parsed.entries) if (e.status === 'streaming') e.status = 'interrupted';
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

import Dexie from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db, GlimpseDB, newId, type Entry } from '../../../utils/store/db';
import { deleteAll, deleteEntry, importHistory, listWindow, searchEntryIds } from '../../../utils/store/history';
import { byWord } from '../../../utils/store/postings';
import { mergeFresh } from '../../../utils/store/fresh-merge';

const T0 = Date.UTC(2026, 10, 1);
const entry = (i: number, text: string, over: Partial<Entry> = {}): Entry => ({
  id: newId(T0 + i * 1000), threadId: `t${i}`, createdAt: T0 + i * 1000, updatedAt: T0 + i * 1000, presetId: 'describe', prompt: 'Describe',
  provider: 'openai', model: 'm', status: 'done', text, ...over,
});

/** The index as stored: word → ids, plus each block's size. */
async function stored(d: GlimpseDB = db) {
  const keys = (await d.table('postings').toCollection().primaryKeys()) as unknown as [string, string][];
  const blocks = (await d.table('postings').toArray()) as string[][];
  const index = new Map<string, string[]>();
  // In key order, each word's ids ascend across its blocks and none is below its block's key: removal relies on it.
  let ordered = true;
  keys.forEach(([w, first], i) => {
    const before = index.get(w) ?? [];
    const block = blocks[i]!;
    ordered &&= block[0]! >= first && (!before.length || block[0]! > before.at(-1)!) && block.every((id, k) => !k || id > block[k - 1]!);
    index.set(w, [...before, ...block]);
  });
  for (const ids of index.values()) ids.sort();
  return { index, sizes: blocks.map((b) => b.length), keys, ordered };
}

/** What the index must be: built from every entry's posted words. */
async function expected(d: GlimpseDB = db) {
  const index = new Map<string, string[]>();
  for (const e of await d.entries.toArray()) for (const w of e.posted ?? []) index.set(w, [...(index.get(w) ?? []), e.id].sort());
  return index;
}

/** Search can find every settled entry by every word: in postings, or in the fresh index until merged. */
async function findable() {
  for (const e of await db.entries.toArray()) {
    if (!e.words) continue;
    const posted = new Set(e.posted ?? []);
    if (e.fresh) expect(e.fresh).toEqual(['', ...e.words]);
    else expect(e.words.every((w) => posted.has(w)) && posted.size === e.words.length, `${e.id} posted as its words`).toBe(true);
  }
}

beforeEach(() => deleteAll());

describe('postings: the search index mirrors every entry’s words', () => {
  it('splits a word into blocks of 256 ids and finds all of them', async () => {
    await db.entries.bulkAdd(Array.from({ length: 600 }, (_, i) => entry(i, `common word${i}`)));
    const { sizes, keys } = await stored();
    expect(keys.filter(([w]) => w === 'common').length).toBe(3);
    expect(sizes.filter((n) => n > 1).sort((a, b) => a - b)).toEqual([88, 256, 256]);
    expect((await searchEntryIds({ query: 'common' })).length).toBe(600);
    const last = (await db.entries.where('createdAt').equals(T0 + 599_000).first())!;
    expect(await searchEntryIds({ query: 'common word599' })).toEqual([last.id]);
    // A prefix: word42 and word420–word429.
    expect((await searchEntryIds({ query: 'word42' })).length).toBe(11);
  });

  it('appends a new answer to the word’s last block, and starts a new block when it is full', async () => {
    await db.entries.bulkAdd(Array.from({ length: 256 }, (_, i) => entry(i, 'alpha')));
    await db.entries.add(entry(300, 'alpha beta'));
    const { index, keys } = await stored();
    expect(keys.filter(([w]) => w === 'alpha').length).toBe(2);
    expect(index.get('alpha')!.length).toBe(257);
    expect(index).toEqual(await expected());
  });

  it('follows adds, settles, edits, deletes, imports of older answers and clears, in any order', { timeout: 30_000 }, async () => {
    // A deterministic mix of operations, checked against the index rebuilt from scratch after each step.
    let seed = 7;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const vocab = ['red', 'green', 'blue', 'chart', 'table', 'bridge', 'cat', 'river', 'forest', 'sky'];
    const text = () => Array.from({ length: 1 + rand(5) }, () => vocab[rand(vocab.length)]).join(' ');
    const ids: string[] = [];
    for (let step = 0; step < 100; step++) {
      const op = rand(8);
      const i = step * 10;
      if (op <= 2 || !ids.length) {
        const e = entry(i, text(), { status: rand(2) ? 'done' : 'streaming' });
        await db.entries.add(e);
        ids.push(e.id);
      } else if (op === 3) await db.entries.update(ids[rand(ids.length)]!, { status: 'done', text: text() });
      else if (op === 4) await db.entries.delete(ids.splice(rand(ids.length), 1)[0]!);
      else if (op === 5) {
        // Older answers arriving later (an import): ids before existing blocks.
        const old = Array.from({ length: 1 + rand(60) }, (_, k) => entry(-100_000 - step * 100 - k, text()));
        await db.entries.bulkPut(old);
        ids.push(...old.map((e) => e.id));
      } else if (op === 6) await db.entries.where('status').equals('streaming').delete();
      else if (step % 45 === 0) {
        await db.entries.clear();
        ids.length = 0;
      } else await db.entries.update(ids[rand(ids.length)]!, { text: `${text()} extra`, status: 'done' });
      const live = new Set(await db.entries.toCollection().primaryKeys());
      ids.splice(0, ids.length, ...ids.filter((id) => live.has(id)));
      const now = await stored();
      expect(now.index, `after step ${step} (op ${op})`).toEqual(await expected());
      expect(now.ordered, `blocks in order after step ${step} (op ${op})`).toBe(true);
      expect(await db.table('meta').get('entryCount'), `stored count after step ${step} (op ${op})`).toBe(await db.entries.count());
      await findable();
      // Now and then the background merge runs a few steps, as it would between answers.
      if (rand(4) === 0) await mergeFresh(1 + rand(3));
    }
    await mergeFresh();
    expect(await db.entries.where('fresh').equals('').count()).toBe(0);
    for (const e of await db.entries.toArray()) if (e.words) expect(new Set(e.posted)).toEqual(new Set(e.words));
    expect((await stored()).index).toEqual(await expected());
  });

  it('goes with deleteEntry, deleteAll and import', async () => {
    await db.threads.add({ id: 't1', imageId: '', createdAt: T0, updatedAt: T0, presetId: 'describe', title: 'x' });
    const e = entry(1, 'lighthouse at dusk');
    await db.entries.add(e);
    expect(await searchEntryIds({ query: 'lighthouse' })).toEqual([e.id]);
    await deleteEntry(e.id);
    expect(await searchEntryIds({ query: 'lighthouse' })).toEqual([]);
    expect((await stored()).keys).toEqual([]);
    await importHistory(JSON.stringify({ format: 'glimpse-history', version: 1, exportedAt: T0, threads: [{ id: 't1', imageId: '', createdAt: T0, updatedAt: T0, presetId: 'describe', title: 'x' }], entries: [e], images: [] }));
    expect(await searchEntryIds({ query: 'dusk' })).toEqual([e.id]);
    await deleteAll();
    expect((await stored()).keys).toEqual([]);
  });

  it('a large import (over 1,000 words) merges into words already there', async () => {
    await db.entries.bulkAdd(Array.from({ length: 300 }, (_, i) => entry(1000 + i, `shared newer${i}`)));
    await db.entries.bulkPut(Array.from({ length: 1200 }, (_, i) => entry(i, `shared older${i} newer${i % 300}`)));
    const now = await stored();
    expect(now.index).toEqual(await expected());
    expect(now.ordered).toBe(true);
    expect((await searchEntryIds({ query: 'shared' })).length).toBe(1500);
  });

  it('the list reads the stored count, and mends it when it cannot be right', async () => {
    await db.entries.bulkAdd(Array.from({ length: 5 }, (_, i) => entry(i, 'x')));
    expect(await db.table('meta').get('entryCount')).toBe(5);
    expect((await listWindow(0, 40)).total).toBe(5);
    await db.table('meta').put(9, 'entryCount');
    // A short last page that disagrees: counted, and the count stored again.
    expect((await listWindow(0, 40)).total).toBe(5);
    await vi.waitFor(async () => expect(await db.table('meta').get('entryCount')).toBe(5));
    await db.table('meta').delete('entryCount');
    expect((await listWindow(0, 2)).total).toBe(5);
    await vi.waitFor(async () => expect(await db.table('meta').get('entryCount')).toBe(5));
  });

  it('byWord lists only the words that change', () => {
    const m = byWord([{ id: 'a', before: ['x', 'y'], after: ['y', 'z'] }, { id: 'b', before: undefined, after: ['z'] }]);
    expect(Object.fromEntries(m)).toEqual({ z: { add: ['a', 'b'], remove: [] }, x: { add: [], remove: ['a'] } });
  });
});

describe('v3 → v4 migration', () => {
  it('a new database starts with a stored count of 0', async () => {
    const fresh = new GlimpseDB(`fresh-${Math.random()}`);
    expect(await fresh.table('meta').get('entryCount')).toBe(0);
    fresh.close();
  });

  it('builds postings from the words already stored', async () => {
    const name = `postings-${Math.random()}`;
    const v3 = new Dexie(name);
    v3.version(3).stores({
      threads: 'id, createdAt, updatedAt', images: 'id, createdAt', audits: 'id, createdAt, pageUrl',
      entries: 'id, threadId, createdAt, status, *words, [presetId+createdAt], [provider+createdAt]',
    });
    const rows = Array.from({ length: 300 }, (_, i) => ({ ...entry(i, `shared only${i}`), words: ['shared', `only${i}`] }));
    await v3.table('entries').bulkAdd(rows);
    v3.close();
    const current = new GlimpseDB(name);
    const { index, sizes } = await stored(current);
    expect(index).toEqual(await expected(current));
    expect(index.get('shared')!.length).toBe(300);
    expect(Math.max(...sizes)).toBe(256);
    expect(await current.table('meta').get('entryCount')).toBe(300);
    current.close();
  });
});

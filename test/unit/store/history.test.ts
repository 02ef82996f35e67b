import Dexie, { liveQuery } from 'dexie';
import { entryWriter } from '../../../utils/jobs/entry-writer';
import { beforeEach, describe, expect, it } from 'vitest';
import { db, GlimpseDB, newId, type Entry } from '../../../utils/store/db';
import { deleteAll, deleteEntry, exportHistory, historyProviders, importHistory, isUnfiltered, listWindow, rowsFor, searchEntryIds } from '../../../utils/store/history';

const T0 = Date.UTC(2026, 10, 1);
// Ids sort by time, as newId makes them.
const ID = Object.fromEntries([1, 2, 3, 4, 5, 9].map((i) => [`e${i}`, newId(T0 + i * 1000)]));

function entry(i: number, over: Partial<Entry> = {}): Entry {
  return {
    id: ID[`e${i}`]!, threadId: `t${i}`, createdAt: T0 + i * 1000, updatedAt: T0 + i * 1000, presetId: 'describe', prompt: 'Describe',
    provider: 'openai', model: 'gpt-4o', status: 'done', text: `Answer number ${i}`, ...over,
  };
}

async function seed() {
  await db.images.add({ id: 'i1', createdAt: T0, mime: 'image/png', bytes: new Uint8Array([137, 80, 78, 71, 0, 255]), width: 2, height: 1,
    original: { mime: 'image/png', width: 2, height: 1, byteLength: 6 }, thumb: 'data:image/jpeg;base64,AA==', notes: ['n'], source: { method: 'url', srcUrl: 'https://x.test/a.png' } });
  await db.threads.bulkAdd([1, 2, 3].map((i) => ({ id: `t${i}`, imageId: i === 1 ? 'i1' : '', createdAt: T0 + i, updatedAt: T0 + i, presetId: 'describe', title: 'Describe image' })));
  await db.entries.bulkAdd([
    entry(1, { text: 'A red **bicycle** leaning on a wall', question: 'What is leaning?' }),
    entry(2, { text: 'Quarterly revenue table', presetId: 'table', provider: 'anthropic' }),
    entry(3, { text: 'Ein rotes Fahrrad', provider: 'ollama', usage: { inputTokens: 5, outputTokens: 7 } }),
  ]);
}

beforeEach(async () => {
  await deleteAll();
  await seed();
});

describe('search and filters', () => {
  it('finds by word prefix in answers and questions, newest first', async () => {
    expect(await searchEntryIds({ query: 'bicy' })).toEqual([ID.e1!]);
    expect(await searchEntryIds({ query: 'leaning wall' })).toEqual([ID.e1!]);
    expect(await searchEntryIds({ query: 'what' })).toEqual([ID.e1!]);
    expect(await searchEntryIds({ query: 'fahrrad' })).toEqual([ID.e3!]);
    expect(await searchEntryIds({ query: 'nothing-like-this' })).toEqual([]);
    expect(await searchEntryIds({})).toEqual([ID.e3!, ID.e2!, ID.e1!]);
  });
  it('filters by preset, provider and date', async () => {
    expect(await searchEntryIds({ presetId: 'table' })).toEqual([ID.e2!]);
    expect(await searchEntryIds({ provider: 'ollama' })).toEqual([ID.e3!]);
    expect(await searchEntryIds({ presetId: 'describe', provider: 'openai' })).toEqual([ID.e1!]);
    expect(await searchEntryIds({ since: T0 + 2000 })).toEqual([ID.e3!, ID.e2!]);
    expect(await searchEntryIds({ query: 'rot', provider: 'openai' })).toEqual([]);
    expect(await historyProviders()).toEqual(['anthropic', 'ollama', 'openai']);
  });
  it('does not index text while it streams, and indexes it once it settles', async () => {
    await db.entries.add(entry(4, { status: 'streaming', text: 'zebra crossing' }));
    expect(await searchEntryIds({ query: 'zebra' })).toEqual([]);
    await db.entries.update(ID.e4!, { status: 'done' });
    expect(await searchEntryIds({ query: 'zebra' })).toEqual([ID.e4!]);
  });
});

describe('live search', () => {
  it('follows answers that settle or go, and ignores tokens streaming into others', async () => {
    const seen: string[][] = [];
    const sub = liveQuery(() => searchEntryIds({ query: 'bicy', provider: 'openai' })).subscribe((ids) => seen.push(ids));
    const settle = () => new Promise((r) => setTimeout(r, 80));
    await settle();
    await db.entries.add(entry(4, { status: 'streaming', text: 'Another bicycle' }));
    await settle();
    const before = seen.length;
    await db.entries.update(ID.e4!, { text: 'Another bicycle, blue' });
    await settle();
    expect(seen.length).toBe(before);
    await db.entries.update(ID.e4!, { status: 'done' });
    await settle();
    expect(seen.at(-1)).toEqual([ID.e4!, ID.e1!]);
    await deleteEntry(ID.e1!);
    await settle();
    expect(seen.at(-1)).toEqual([ID.e4!]);
    sub.unsubscribe();
  });
  it('follows an answer settled by the worker, whose words were indexed without a change message', async () => {
    const seen: string[][] = [];
    const sub = liveQuery(() => searchEntryIds({ query: 'zebr' })).subscribe((ids) => seen.push(ids));
    const settle = () => new Promise((r) => setTimeout(r, 80));
    await db.entries.add(entry(5, { status: 'streaming', text: '' }));
    const w = entryWriter(ID.e5!);
    w.update({ text: 'A zebra crossing.' });
    await w.settle();
    await settle();
    expect(seen.at(-1)).toEqual([]);
    w.update({ status: 'done' });
    await w.settle();
    await settle();
    expect(seen.at(-1)).toEqual([ID.e5!]);
    sub.unsubscribe();
  });
});

describe('live list', () => {
  it('follows the total when an answer outside the window goes or comes, and not while one streams', async () => {
    const seen: number[] = [];
    const sub = liveQuery(() => listWindow(0, 1)).subscribe((w) => seen.push(w.total));
    const settle = () => new Promise((r) => setTimeout(r, 80));
    await settle();
    expect(seen.at(-1)).toBe(3);
    await deleteEntry(ID.e1!);
    await settle();
    expect(seen.at(-1)).toBe(2);
    await db.entries.add(entry(4, { status: 'streaming', text: '' }));
    await settle();
    expect(seen.at(-1)).toBe(3);
    const before = seen.length;
    await db.entries.update(ID.e4!, { text: 'more text' });
    await db.entries.bulkAdd([entry(1, { id: newId(T0 - 5000), text: 'older, imported' })]);
    await settle();
    expect(seen.at(-1)).toBe(4);
    expect(seen.length).toBeLessThanOrEqual(before + 2);
    sub.unsubscribe();
  });
});

describe('paging the unfiltered list', () => {
  it('pages newest first by id, without reading every row', async () => {
    const first = await listWindow(0, 2);
    expect(first.total).toBe(3);
    expect(first.rows.map((r) => r.id)).toEqual([ID.e3!, ID.e2!]);
    expect((await listWindow(2, 2)).rows.map((r) => r.id)).toEqual([ID.e1!]);
    expect(isUnfiltered({ query: '  ' })).toBe(true);
    expect(isUnfiltered({ provider: 'x' })).toBe(false);
  });
  it('rows carry only what the list shows: a preview, never the search words', async () => {
    await db.entries.add(entry(4, { text: 'x'.repeat(1000), status: 'failed' }));
    await db.entries.add(entry(9, { text: '', status: 'failed', error: { kind: 'auth', message: 'Bad key' } }));
    const [e9, gone, e4] = await rowsFor([ID.e9!, 'missing', ID.e4!]);
    expect(gone).toBeUndefined();
    expect(e4!.preview).toHaveLength(240);
    expect(e9).toEqual({ id: ID.e9!, threadId: 't9', createdAt: T0 + 9000, presetId: 'describe', question: undefined, status: 'failed', preview: 'Bad key' });
    expect(Object.keys((await listWindow(0, 1)).rows[0]!)).not.toContain('words');
  });
  it('newId sorts by creation time', () => {
    const ids = [newId(5), newId(1_000_000), newId(Date.UTC(2030, 0, 1))];
    expect([...ids].sort()).toEqual(ids);
  });
});

describe('delete', () => {
  it('deletes one answer, and its conversation and image when it was the last', async () => {
    await deleteEntry(ID.e1!);
    expect(await db.entries.get(ID.e1!)).toBeUndefined();
    expect(await db.threads.get('t1')).toBeUndefined();
    expect(await db.images.get('i1')).toBeUndefined();
    expect(await db.entries.count()).toBe(2);
  });
});

describe('export and import', () => {
  it('round-trips losslessly, image bytes included', async () => {
    const before = { e: await db.entries.toArray(), t: await db.threads.toArray(), i: await db.images.toArray() };
    const json = await exportHistory();
    await deleteAll();
    expect(await db.entries.count()).toBe(0);
    expect(await importHistory(json)).toEqual({ threads: 3, entries: 3, images: 1 });
    const sortById = <T extends { id: string }>(a: T[]) => [...a].sort((x, y) => x.id.localeCompare(y.id));
    expect(sortById(await db.entries.toArray())).toEqual(sortById(before.e));
    expect(sortById(await db.threads.toArray())).toEqual(sortById(before.t));
    const [img] = await db.images.toArray();
    expect(Array.from(img!.bytes)).toEqual([137, 80, 78, 71, 0, 255]);
    expect({ ...img, bytes: null }).toEqual({ ...before.i[0], bytes: null });
    expect(await searchEntryIds({ query: 'bicycle' })).toEqual([ID.e1!]);
  });
  it('refuses a file that is not an export, and changes nothing', async () => {
    await expect(importHistory('{"hello":1}')).rejects.toThrow('not a Glimpse history export');
    await expect(importHistory('not json')).rejects.toThrow('not a Glimpse history export');
    expect(await db.entries.count()).toBe(3);
  });
});

describe('schema migration', () => {
  it('v1 → current: keeps every row and builds the search index', async () => {
    const name = `migrate-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ threads: 'id, createdAt, updatedAt', entries: 'id, threadId, createdAt, status', images: 'id, createdAt' });
    await v1.table('entries').add(entry(9, { text: 'Old answer about a lighthouse' }));
    await v1.table('threads').add({ id: 't9', imageId: '', createdAt: T0, updatedAt: T0, presetId: 'describe', title: 'x' });
    v1.close();
    const current = new GlimpseDB(name);
    const row = await current.entries.get(ID.e9!);
    expect(row?.text).toBe('Old answer about a lighthouse');
    expect(row?.words).toContain('lighthouse');
    expect(row?.posted).toContain('lighthouse');
    expect(await current.table('postings').get(['lighthouse', ID.e9!])).toEqual([ID.e9!]);
    expect(await current.threads.count()).toBe(1);
    expect(current.verno).toBeGreaterThanOrEqual(2);
    current.close();
  });
});

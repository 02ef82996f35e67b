import { mergeFresh, scheduleMerge } from '../../../utils/store/fresh-merge';
import { searchEntryIds } from '../../../utils/store/history';
import Dexie from 'dexie';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { db, type Entry } from '../../../utils/store/db';
import { entryWriter } from '../../../utils/jobs/entry-writer';

// The writer schedules a background merge 1.5 s after a settle; on a loaded machine that timer could fire
// inside a test and take steps the test counts. The tests here run the merge themselves.
vi.mock('../../../utils/store/fresh-merge', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../utils/store/fresh-merge')>()),
  scheduleMerge: vi.fn(),
}));

const row = (id: string): Entry => ({
  id, threadId: 't', createdAt: 1, updatedAt: 1, presetId: 'describe', prompt: 'p', status: 'streaming', text: '',
});

describe('entryWriter', () => {
  beforeEach(async () => {
    await db.entries.clear();
    await db.entries.add(row('e1'));
  });

  it('merges patches that arrive during a write: 200 tokens, at most 2 transactions, nothing lost', async () => {
    const spy = vi.spyOn(db.entries, 'update');
    const w = entryWriter('e1');
    let text = '';
    for (let i = 0; i < 200; i++) {
      text += `t${i} `;
      w.update({ text });
    }
    w.update({ status: 'done', usage: { inputTokens: 10, outputTokens: 200 } });
    await w.settle();
    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(2);
    const stored = (await db.entries.get('e1'))!;
    expect(stored.text).toBe(text);
    expect(stored.status).toBe('done');
    expect(stored.usage).toEqual({ inputTokens: 10, outputTokens: 200 });
    expect(stored.updatedAt).toBeGreaterThan(1);
  });

  it('while tokens keep coming, writes at most every interval; the text so far is stored within it', async () => {
    const spy = vi.spyOn(db.entries, 'update');
    const w = entryWriter('e1', 30);
    const t0 = Date.now();
    let text = '';
    while (Date.now() - t0 < 200) {
      text += 'x';
      w.update({ text });
      await new Promise((r) => setTimeout(r, 2));
    }
    const writes = spy.mock.calls.length;
    expect(writes).toBeGreaterThanOrEqual(3); // streamed, not held back to the end
    expect(writes).toBeLessThanOrEqual(Math.ceil(200 / 30) + 2);
    await new Promise((r) => setTimeout(r, 60));
    expect((await db.entries.get('e1'))!.text).toBe(text); // nothing left unwritten
  });

  it('a later patch overrides an earlier one, and undefined clears a field', async () => {
    const w = entryWriter('e1');
    w.update({ retryAt: 123, error: { kind: 'rate-limit', message: 'wait' } });
    await w.settle();
    expect((await db.entries.get('e1'))!.error?.kind).toBe('rate-limit');
    w.update({ text: 'Hello', retryAt: undefined, error: undefined });
    await w.settle();
    const stored = (await db.entries.get('e1'))!;
    expect(stored.text).toBe('Hello');
    expect(stored.retryAt).toBeUndefined();
    expect(stored.error).toBeUndefined();
  });

  it('keeps writing in order across several settles (each update is visible after settle)', async () => {
    const w = entryWriter('e1');
    for (const t of ['A', 'A red', 'A red square']) {
      w.update({ text: t });
      await w.settle();
      expect((await db.entries.get('e1'))!.text).toBe(t);
    }
  });

  it('settle() with nothing pending resolves at once and writes nothing', async () => {
    const spy = vi.spyOn(db.entries, 'update');
    await entryWriter('e1').settle();
    expect(spy).not.toHaveBeenCalled();
  });

  it('writes only its own entry', async () => {
    await db.entries.add(row('e2'));
    const w = entryWriter('e2');
    w.update({ text: 'only e2' });
    await w.settle();
    expect((await db.entries.get('e1'))!.text).toBe('');
    expect((await db.entries.get('e2'))!.text).toBe('only e2');
  });
});

describe('settling a long answer', () => {
  it('tells open panels about the status, not about each of its search words, and search still finds it, before and after the merge', async () => {
    await db.entries.clear();
    await db.entries.add(row('e1'));
    const text = Array.from({ length: 1500 }, (_, i) => `word${i}`).join(' ');
    const messages: Record<string, any>[] = [];
    const listen = (parts: Record<string, any>) => void messages.push(parts);
    Dexie.on('storagemutated', listen);
    try {
      const w = entryWriter('e1');
      w.update({ text });
      await w.settle();
      w.update({ status: 'done' });
      await w.settle();
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      Dexie.on('storagemutated').unsubscribe(listen);
    }
    const settled = messages.find((m) => m['idb://glimpse/entries/status']?.from !== undefined);
    expect(settled).toBeDefined();
    // An empty RangeSet has no `from`: no word was named.
    expect(messages.every((m) => m['idb://glimpse/entries/fresh']?.from === undefined)).toBe(true);
    expect(await searchEntryIds({ query: 'word1499' })).toEqual(['e1']);
    expect((await db.entries.get('e1'))!.words).toHaveLength(1500);
    // "Done" did not wait for postings: the words are in the fresh index until the background merge.
    expect(scheduleMerge).toHaveBeenCalled();
    expect((await db.entries.get('e1'))!.fresh).toHaveLength(1501);
    // The merge changes nothing a panel shows, so it sends no change message.
    const during: unknown[] = [];
    const count = (parts: unknown) => void during.push(parts);
    Dexie.on('storagemutated', count);
    try {
      expect(await mergeFresh()).toBe(15);
    } finally {
      Dexie.on('storagemutated').unsubscribe(count);
    }
    expect(during).toEqual([]);
    expect((await db.entries.get('e1'))!.fresh).toBeUndefined();
    expect(await searchEntryIds({ query: 'word1499' })).toEqual(['e1']);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db } from '../../../utils/store/db';
import { deleteAllData } from '../../../utils/store/delete-data';
import { deleteAll, pruneUnasked, UNASKED_MAX_AGE_MS } from '../../../utils/store/history';
import { profilesItem } from '../../../utils/settings/items';

const NOW = Date.UTC(2026, 11, 3);
const OLD = NOW - UNASKED_MAX_AGE_MS - 1000;

const image = (id: string, createdAt: number) => ({
  id, createdAt, mime: 'image/png', bytes: new Uint8Array([1]), width: 1, height: 1,
  original: { mime: 'image/png', width: 1, height: 1, byteLength: 1 }, thumb: 'data:image/jpeg;base64,AA==', notes: [], source: { method: 'paste' as const },
});
const thread = (id: string, imageId: string, createdAt: number) => ({ id, imageId, createdAt, updatedAt: createdAt, presetId: 'ask', title: 'Ask' });

async function seed() {
  await db.images.bulkAdd([image('i-asked', OLD), image('i-unasked', OLD), image('i-fresh', NOW - 1000), image('i-orphan', OLD)]);
  await db.threads.bulkAdd([thread('t-asked', 'i-asked', OLD), thread('t-unasked', 'i-unasked', OLD), thread('t-fresh', 'i-fresh', NOW - 1000)]);
  await db.entries.add({ id: 'e1', threadId: 't-asked', createdAt: OLD, updatedAt: OLD, presetId: 'ask', prompt: 'q', status: 'done', text: 'an answer' });
  await db.audits.add({ id: 'a1', createdAt: OLD, pageUrl: 'https://e.test/', pageTitle: 'P', pageLang: 'en',
    items: [{ key: 'k', kind: 'img', src: 'https://e.test/a.png', alt: null, width: 1, height: 1, verdicts: [], context: '', status: 'idle', thumb: 'data:image/jpeg;base64,AA==' }] });
}

beforeEach(async () => {
  fakeBrowser.reset();
  await Promise.all([db.entries.clear(), db.threads.clear(), db.images.clear(), db.audits.clear()]);
  await seed();
});

describe('delete means delete', () => {
  it('"Delete all history" deletes audits and their thumbnails too', async () => {
    await deleteAll();
    expect(await Promise.all([db.entries.count(), db.threads.count(), db.images.count(), db.audits.count()])).toEqual([0, 0, 0, 0]);
  });

  it('images attached with Ask but never asked about are cleaned up after a day; answered and recent ones stay', async () => {
    await pruneUnasked(NOW);
    expect((await db.threads.toCollection().primaryKeys()).sort()).toEqual(['t-asked', 't-fresh']);
    expect((await db.images.toCollection().primaryKeys()).sort()).toEqual(['i-asked', 'i-fresh']);
    expect(await db.entries.count()).toBe(1);
  });

  it('Delete all data keeps profiles unless asked to delete everything', async () => {
    await profilesItem.setValue([{ id: 'p', name: 'P', provider: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'k', model: 'm' }]);
    await deleteAllData();
    expect(await Promise.all([db.entries.count(), db.images.count(), db.audits.count()])).toEqual([0, 0, 0]);
    expect(await profilesItem.getValue()).toHaveLength(1);
    await seed();
    await deleteAllData(true);
    expect(await db.audits.count()).toBe(0);
    expect(await profilesItem.getValue()).toEqual([]);
  });
});

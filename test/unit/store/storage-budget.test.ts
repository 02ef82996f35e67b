import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { db, newId } from '../../../utils/store/db';
import { droppedImagesItem, enforceImageBudget } from '../../../utils/store/storage-budget';

async function addImage(at: number, size: number) {
  const id = newId(at);
  await db.images.add({
    id, createdAt: at, mime: 'image/png', bytes: new Uint8Array(size).fill(7), width: 1, height: 1,
    original: { mime: 'image/png', width: 1, height: 1, byteLength: size }, thumb: 'data:image/jpeg;base64,AA==', notes: [], source: { method: 'paste' },
  });
  await db.entries.add({ id: newId(at + 1), threadId: `t${at}`, createdAt: at, updatedAt: at, presetId: 'describe', prompt: 'p', status: 'done', text: `answer ${at}` });
  return id;
}

beforeEach(async () => {
  fakeBrowser.reset();
  await Promise.all([db.images.clear(), db.entries.clear()]);
});

describe('image storage budget', () => {
  it('drops full images oldest-first beyond the budget, keeps thumbnails and every answer, and records a notice', async () => {
    const ids = [await addImage(1000, 400), await addImage(2000, 400), await addImage(3000, 400)];
    expect(await enforceImageBudget(900)).toBe(1);
    const [oldest, mid, newest] = await Promise.all(ids.map((id) => db.images.get(id)));
    expect(oldest!.bytes.byteLength).toBe(0);
    expect(oldest!.thumb).toBe('data:image/jpeg;base64,AA==');
    expect(oldest!.notes.join(' ')).toContain('removed to save space');
    expect(mid!.bytes.byteLength).toBe(400);
    expect(newest!.bytes.byteLength).toBe(400);
    expect((await db.entries.toArray()).map((e) => e.text).sort()).toEqual(['answer 1000', 'answer 2000', 'answer 3000']);
    expect((await droppedImagesItem.getValue())?.count).toBe(1);
    expect(await enforceImageBudget(900)).toBe(0); // idempotent
  });
});

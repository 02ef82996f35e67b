import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../../../utils/store/db';
import { deleteAll, importHistory } from '../../../utils/store/history';

const T = Date.UTC(2026, 10, 1);
const good = () => ({
  format: 'glimpse-history', version: 1, exportedAt: T,
  threads: [{ id: 't1', imageId: 'i1', createdAt: T, updatedAt: T, presetId: 'describe', title: 'Describe image',
    source: { method: 'worker-fetch', srcUrl: 'https://e.test/a.png', tabId: 7, frameId: 0, lacksAccess: true } }],
  entries: [{ id: 'e1', threadId: 't1', createdAt: T, updatedAt: T, presetId: 'describe', prompt: 'Describe', status: 'done', text: 'A cat',
    retryAt: T + 5000, planted: '<img src=x onerror=alert(1)>' }],
  images: [{ id: 'i1', createdAt: T, mime: 'image/png', bytes: 'iVBORw==', width: 1, height: 1,
    original: { mime: 'image/png', width: 1, height: 1, byteLength: 4 }, thumb: 'data:image/jpeg;base64,AA==', notes: [],
    source: { method: 'paste', tabId: 3, lacksAccess: true } }],
});
type File = ReturnType<typeof good>;
const bad = (change: (f: File) => void) => {
  const f = good();
  change(f);
  return importHistory(JSON.stringify(f));
};

beforeEach(() => deleteAll());

describe('a hostile history import', () => {
  it('drops unknown fields, access marks and tab ids; a still-streaming answer comes in as interrupted', async () => {
    await bad((f) => (f.entries[0]!.status = 'streaming'));
    const [th] = await db.threads.toArray();
    const [e] = await db.entries.toArray();
    const [img] = await db.images.toArray();
    expect(th!.source).toEqual({ method: 'worker-fetch', srcUrl: 'https://e.test/a.png' });
    expect(img!.source).toEqual({ method: 'paste' });
    expect(e).not.toHaveProperty('planted');
    expect(e).not.toHaveProperty('retryAt');
    expect(e!.status).toBe('interrupted');
  });

  it.each([
    ['an unknown status', (f: File) => (f.entries[0]!.status = 'pwned'), 'entries.0.status'],
    ['an unknown capture method', (f: File) => (f.images[0]!.source.method = 'evil'), 'images.0.source.method'],
    ['a remote thumbnail', (f: File) => (f.images[0]!.thumb = 'https://tracker.test/pixel.gif'), 'images.0.thumb'],
    ['a javascript: thumbnail', (f: File) => (f.images[0]!.thumb = 'javascript:alert(1)'), 'images.0.thumb'],
    ['a timestamp far in the future', (f: File) => (f.entries[0]!.createdAt = 1e300), 'entries.0.createdAt'],
    ['a negative timestamp', (f: File) => (f.threads[0]!.updatedAt = -1), 'threads.0.updatedAt'],
    ['a timestamp that is not a number', (f: File) => ((f.entries[0] as Record<string, unknown>).updatedAt = 'soon'), 'entries.0.updatedAt'],
    ['an image that is not an image', (f: File) => (f.images[0]!.mime = 'text/html'), 'images.0.mime'],
    ['text that is not text', (f: File) => ((f.entries[0] as Record<string, unknown>).text = { toString: 1 }), 'entries.0.text'],
  ])('refuses %s, says which field, and changes nothing', async (_what, change, field) => {
    await expect(bad(change)).rejects.toThrow(field);
    expect(await Promise.all([db.entries.count(), db.threads.count(), db.images.count()])).toEqual([0, 0, 0]);
  });
});

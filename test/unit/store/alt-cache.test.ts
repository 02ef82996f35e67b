import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { altCacheBytes, altCacheKey, ALT_ROW_BYTES, cacheAlt, cachedAlts, clearAltCache, trimAltCache } from '../../../utils/store/alt-cache';
import { db, GlimpseDB } from '../../../utils/store/db';
import { enforceImageBudget } from '../../../utils/store/storage-budget';

beforeEach(() => clearAltCache());

describe('alt cache', () => {
  it('keys by the image bytes, the language and the model', async () => {
    const a = new Uint8Array([1, 2, 3]);
    const k = await altCacheKey(a, 'en', 'gpt-4o');
    expect(k).toMatch(/^[0-9a-f]{64}\|en\|gpt-4o$/);
    expect(await altCacheKey(new Uint8Array([1, 2, 3]), 'EN', 'gpt-4o')).toBe(k);
    expect(await altCacheKey(new Uint8Array([1, 2, 4]), 'en', 'gpt-4o')).not.toBe(k);
    expect(await altCacheKey(a, 'de', 'gpt-4o')).not.toBe(k);
    expect(await altCacheKey(a, 'en', 'gpt-4o-mini')).not.toBe(k);
  });

  it('a stored answer is found again; misses are absent; clear empties it', async () => {
    await cacheAlt('k1', { short: 'A kite', decorative: false });
    const hits = await cachedAlts(['k1', 'k2']);
    expect([...hits.keys()]).toEqual(['k1']);
    expect(hits.get('k1')).toMatchObject({ short: 'A kite', decorative: false });
    expect(await altCacheBytes()).toBe(ALT_ROW_BYTES);
    await clearAltCache();
    expect(await db.altCache.count()).toBe(0);
  });

  it('trims the least recently used beyond the cap', async () => {
    for (let i = 0; i < 5; i++) await db.altCache.put({ key: `k${i}`, short: `s${i}`, decorative: false, createdAt: i, usedAt: i });
    expect(await trimAltCache(3)).toBe(2);
    expect((await db.altCache.toCollection().primaryKeys()).sort()).toEqual(['k2', 'k3', 'k4']);
  });

  it('counts against the image storage budget', async () => {
    const size = 1000;
    await db.images.clear();
    await db.images.add({
      id: 'i1', createdAt: 1, mime: 'image/png', bytes: new Uint8Array(size), width: 1, height: 1,
      original: { mime: 'image/png', width: 1, height: 1, byteLength: size }, thumb: '', notes: [], source: { method: 'paste' },
    });
    // Fits alone; with ten saved labels (3,000 bytes) taking their share, it no longer does.
    expect(await enforceImageBudget(3500)).toBe(0);
    for (let i = 0; i < 10; i++) await cacheAlt(`b${i}`, { short: 'x', decorative: false });
    expect(await enforceImageBudget(3500)).toBe(1);
  });
});

describe('v4 → v5 upgrade', () => {
  it('keeps every row of v4 and adds the empty alt cache', async () => {
    const name = `upgrade-${Math.random()}`;
    const v4 = new Dexie(name);
    v4.version(4).stores({
      threads: 'id, createdAt, updatedAt', images: 'id, createdAt', audits: 'id, createdAt, pageUrl', postings: '', meta: '',
      entries: 'id, threadId, createdAt, status, *fresh, [presetId+createdAt], [provider+createdAt]',
    });
    await v4.table('audits').add({ id: 'a1', createdAt: 1, pageUrl: 'https://x.test/', pageTitle: 'X', pageLang: 'en', items: [] });
    await v4.table('threads').add({ id: 't1', imageId: 'i', createdAt: 1, updatedAt: 1, presetId: 'describe', title: 'T' });
    v4.close();
    const current = new GlimpseDB(name);
    expect(await current.audits.get('a1')).toMatchObject({ pageTitle: 'X' });
    expect(await current.threads.count()).toBe(1);
    expect(current.verno).toBe(5);
    expect(current.tables.map((t) => t.name)).toContain('altCache');
    await current.altCache.put({ key: 'k', short: 's', decorative: false, createdAt: 1, usedAt: 1 });
    expect(await current.altCache.count()).toBe(1);
    current.close();
  });
});

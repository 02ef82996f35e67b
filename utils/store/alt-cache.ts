import { db, type AltCacheRow } from './db';

/** Rows kept at most; the least recently used go first. About 150 bytes each. */
export const ALT_CACHE_MAX = 20_000;
/** Bytes one row counts against the storage budget (key, text, dates and IndexedDB's overhead). */
export const ALT_ROW_BYTES = 300;

/** The cache key: what the image is (its bytes), and what would change the answer (language, model). */
export async function altCacheKey(bytes: Uint8Array, language: string, model: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex}|${language.toLowerCase()}|${model}`;
}

/** The cached answers for these keys (a hit also marks the row as used). */
export async function cachedAlts(keys: string[]): Promise<Map<string, AltCacheRow>> {
  const rows = (await db.altCache.bulkGet(keys)).filter((r): r is AltCacheRow => !!r);
  if (rows.length) void db.altCache.bulkUpdate(rows.map((r) => ({ key: r.key, changes: { usedAt: Date.now() } }))).catch(() => undefined);
  return new Map(rows.map((r) => [r.key, r]));
}

export async function cacheAlt(key: string, value: { short: string; decorative: boolean }): Promise<void> {
  const now = Date.now();
  await db.altCache.put({ key, ...value, createdAt: now, usedAt: now });
}

/** Drops the least recently used rows beyond `max`. Returns how many went. */
export async function trimAltCache(max = ALT_CACHE_MAX): Promise<number> {
  const over = (await db.altCache.count()) - max;
  if (over <= 0) return 0;
  const old = await db.altCache.orderBy('usedAt').limit(over).primaryKeys();
  await db.altCache.bulkDelete(old);
  return old.length;
}

/** What the cache takes from the storage budget. */
export const altCacheBytes = async (): Promise<number> => (await db.altCache.count()) * ALT_ROW_BYTES;

export const clearAltCache = () => db.altCache.clear();

import { storage } from 'wxt/utils/storage';
import { db } from './db';
import { altCacheBytes } from './alt-cache';
import { t } from '../i18n';

/** Full-size images kept at most; thumbnails and all text are always kept. */
export const IMAGE_BUDGET_BYTES = 150 * 1024 * 1024;
/** Above this share of the origin's quota, keep only half the budget. */
const PRESSURE = 0.8;

export interface DroppedNotice {
  count: number;
  at: number;
}

/** Set when full images were dropped, so the panel can tell the user once. */
export const droppedImagesItem = storage.defineItem<DroppedNotice | null>('local:droppedImages', { fallback: null, version: 1 });

/**
 * Drops the full bytes of the oldest images beyond the budget (newest first are kept).
 * Never touches text. Returns how many were dropped.
 */
export async function enforceImageBudget(budget = IMAGE_BUDGET_BYTES): Promise<number> {
  const est = await globalThis.navigator?.storage?.estimate?.().catch(() => undefined);
  const pressure = !!(est?.quota && est.usage && est.usage / est.quota > PRESSURE);
  // Reading every image to add up sizes is costly: skip it while the whole origin is under budget.
  if (est?.usage !== undefined && est.usage < budget && !pressure) return 0;
  // Saved labels (alt-cache.ts) count against the same budget: what they take, full images cannot.
  const limit = (pressure ? budget / 2 : budget) - (await altCacheBytes());
  let kept = 0;
  const drop: string[] = [];
  await db.images.orderBy('createdAt').reverse().each((img) => {
    if (!img.bytes.byteLength) return;
    // A tiled scan's tiles count with it, and go with it.
    kept += img.bytes.byteLength + (img.tiles ?? []).reduce((n, t) => n + t.bytes.byteLength, 0);
    if (kept > limit) drop.push(img.id);
  });
  if (!drop.length) return 0;
  await db.images.where('id').anyOf(drop).modify((img) => {
    img.bytes = new Uint8Array(0);
    delete img.tiles;
    img.notes = [...img.notes, t('noteImageDropped')];
  });
  const prev = await droppedImagesItem.getValue();
  await droppedImagesItem.setValue({ count: (prev?.count ?? 0) + drop.length, at: Date.now() });
  return drop.length;
}

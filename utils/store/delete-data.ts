import { browser } from 'wxt/browser';
import { deleteAll } from './history';
import { droppedImagesItem } from './storage-budget';

/**
 * Options → Delete all data: history, audits, images, the search index, the dropped-images notice and any
 * cache Glimpse keeps. Profiles, keys, presets and settings stay, unless `everything` is set.
 */
export async function deleteAllData(everything = false): Promise<void> {
  await deleteAll();
  await droppedImagesItem.removeValue();
  if (typeof caches !== 'undefined') await Promise.all((await caches.keys()).map((k) => caches.delete(k)));
  if (everything) await browser.storage.local.clear();
}

import { browser } from 'wxt/browser';
import { skipPickerItem } from '../settings/items';

const ID = 'glimpse-pointer';
/** The access the recorder needs: every page. */
export const ALL_SITES = { origins: ['<all_urls>'] };

/**
 * Registers the right-click recorder (entrypoints/pointer.ts) exactly while the user wants it
 * and all-sites access is granted; called when the setting or access changes, at browser start and on install or update.
 * It reaches pages loaded after it is registered.
 */
export async function syncPointerScript(): Promise<boolean> {
  const want = (await skipPickerItem.getValue()) && (await browser.permissions.contains(ALL_SITES));
  const have = (await browser.scripting.getRegisteredContentScripts({ ids: [ID] })).length > 0;
  if (want && !have) {
    await browser.scripting.registerContentScripts([
      { id: ID, js: ['pointer.js'], matches: ['<all_urls>'], allFrames: true, runAt: 'document_start', persistAcrossSessions: true },
    ]);
  } else if (!want && have) {
    await browser.scripting.unregisterContentScripts({ ids: [ID] });
  }
  return want;
}

import type { Browser } from 'wxt/browser';
import { captureAndAnswer, imageFromUrl } from './jobs/capture-flow';
import { pickInTab } from './capture/pick';

/** What a context-menu click (or its e2e twin) does. Resolves with the entry (or thread) id. */
export async function runMenuItem(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<string | undefined> {
  const id = String(info.menuItemId);
  const source = { pageUrl: tab?.url ?? info.pageUrl, pageTitle: tab?.title, srcUrl: info.srcUrl };
  if (id === 'region') return pickInTab(tab, 'region', 'describe');
  if (info.srcUrl) {
    return captureAndAnswer(id, { source: { ...source, element: 'image (right-clicked)' }, obtain: imageFromUrl(info.srcUrl) });
  }
  // No srcUrl: the image is under an overlay, a CSS background, a canvas…: let the user point at it.
  return pickInTab(tab, 'element', id, info.frameId);
}

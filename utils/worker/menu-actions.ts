import type { Browser } from 'wxt/browser';
import { captureAndAnswer } from '../jobs/capture-flow';
import { answerAtPointer, pickInTab } from '../capture/pick';
import { skipPickerItem } from '../settings/items';
import { captureVisible } from '../capture/screenshot';
import { captureFullPage } from '../capture/stitch';
import { bytesForSrcUrl } from '../capture/src-url';
import { inPage } from '../audit/run';
import type { AltContext } from '../alt-text/prompt';
import { t } from '../i18n';
import { labelTab } from '../labels/run';

/** What a context-menu click (or its e2e twin) does. Resolves with the entry (or thread) id. */
export async function runMenuItem(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): Promise<string | undefined> {
  const id = String(info.menuItemId);
  const source = { pageUrl: tab?.url ?? info.pageUrl, pageTitle: tab?.title, srcUrl: info.srcUrl };
  if (id === 'region') return pickInTab(tab, 'region', 'describe');
  if (id === 'label-page') return labelTab(tab).then(() => undefined);
  if (id === 'visible-tab') {
    return captureAndAnswer('describe', {
      source: { ...source, srcUrl: undefined, element: t('elementVisiblePage') },
      obtain: () => captureVisible(tab?.windowId),
    });
  }
  if (id === 'full-page') {
    return captureAndAnswer('describe', {
      source: { ...source, srcUrl: undefined, element: t('elementWholePage') },
      obtain: () => captureFullPage(tab),
    });
  }
  const srcUrl = info.srcUrl;
  if (srcUrl) {
    const element = t(info.mediaType === 'video' ? 'elementRightClickedVideo' : 'elementRightClickedImage');
    return captureAndAnswer(id, {
      source: { ...source, element, tabId: tab?.id, frameId: info.frameId, mediaType: info.mediaType },
      obtain: () => bytesForSrcUrl({ srcUrl, tab, frameId: info.frameId, mediaType: info.mediaType }),
      context: () => (tab?.id === undefined ? Promise.resolve(null) : inPage<AltContext | null>(tab.id, '__glimpseContext', srcUrl)),
    });
  }
  // No srcUrl: the image is under an overlay, a CSS background, a canvas…: the one under the
  // right-click when the user lets Glimpse remember it, else let the user point at it.
  if (await skipPickerItem.getValue()) {
    const answered = await answerAtPointer(tab, info.frameId ?? 0, id).catch(() => undefined);
    if (answered !== undefined) return answered;
  }
  return pickInTab(tab, 'element', id);
}

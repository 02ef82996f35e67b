import type { Browser } from 'wxt/browser';
import { decodeDataUrl } from '../base64';
import { CaptureError, type RawImage } from './fetch-image';
import { callPage, isSvg, pageRead } from './page-read';
import { cropVisibleTab } from './screenshot';
import { fetchOriginal, offerAccess } from './referer';
import { largerCandidate, USEFUL_EDGE } from './srcset';
import { readImageHeader } from '../image/header';
import { browser } from 'wxt/browser';
import type { ImageSource } from '../store/db';
import { t as message } from '../i18n';

export interface SrcTarget {
  srcUrl: string;
  tab?: Browser.tabs.Tab;
  /** The frame the right-click happened in; 0 is the top document. */
  frameId?: number;
  mediaType?: string;
}

/** The element showing the URL, read in its page: its pixels if the page may read them, else a screenshot crop. */
async function fromPage(t: SrcTarget, vector: boolean): Promise<RawImage | undefined> {
  if (t.tab?.id === undefined) return undefined;
  const found = await callPage(t.tab.id, t.frameId ?? 0, 'locate', t.srcUrl, vector).catch(() => undefined);
  if (!found) return undefined;
  if (found.dataUrl) return pageRead(found.dataUrl);
  if (found.rect && found.viewport) return cropVisibleTab(t.tab, found.rect, found.viewport, 'screenshot-crop');
  return undefined;
}

/**
 * Retry of a failed capture: every way again (page read, screenshot crop) while the tab still shows
 * the page, e.g. after the user allowed access; else only the worker's download.
 */
export async function bytesAgain(source: Omit<ImageSource, 'method'> & { srcUrl: string }): Promise<RawImage> {
  const tab = source.tabId === undefined ? undefined : await browser.tabs.get(source.tabId).catch(() => undefined);
  if (tab?.url && tab.url === source.pageUrl) {
    return bytesForSrcUrl({ srcUrl: source.srcUrl, tab, frameId: source.frameId, mediaType: source.mediaType });
  }
  return fetchOriginal(source.srcUrl, source.pageUrl);
}

/**
 * Bytes for a right-clicked image or video (`info.srcUrl`, which Chrome already resolves to the
 * displayed srcset/<picture> candidate). Best first: `data:` decoded here, `blob:` read in the page
 * that owns it, the original file fetched by the worker, then the element as the page shows it.
 */
export async function bytesForSrcUrl(t: SrcTarget): Promise<RawImage> {
  const { srcUrl } = t;
  if (t.mediaType === 'video') {
    // srcUrl is the video file, not an image: send the frame on screen.
    const frame = await fromPage(t, false);
    if (frame) return frame;
    throw new CaptureError('no-access', message('captureVideoFrame'));
  }
  let raw: RawImage;
  if (srcUrl.startsWith('blob:')) {
    const dataUrl = t.tab?.id === undefined ? undefined : await callPage(t.tab.id, t.frameId ?? 0, 'readBlob', srcUrl).catch(() => undefined);
    if (!dataUrl) {
      const shown = await fromPage(t, false);
      if (shown) return shown;
      throw new CaptureError('no-access', message('captureBlobGone'));
    }
    raw = pageRead(dataUrl);
  } else if (srcUrl.startsWith('data:')) {
    let decoded: { mime: string; bytes: Uint8Array };
    try {
      decoded = decodeDataUrl(srcUrl);
    } catch (err) {
      throw new CaptureError('unsupported', err instanceof Error ? err.message : String(err));
    }
    raw = { ...decoded, method: 'data-url' };
  } else {
    try {
      raw = await fetchOriginal(srcUrl, t.tab?.url);
    } catch (err) {
      if (!(err instanceof CaptureError)) throw err;
      // Refused (no host permission and no CORS, a login cookie the worker lacks…): the page
      // already shows the image, so read it there or crop it from the screen.
      const shown = await fromPage(t, false);
      if (shown) return offerAccess(shown, srcUrl);
      throw err;
    }
  }
  if (isSvg(raw)) return (await fromPage(t, true)) ?? raw; // prepareImage explains an SVG it cannot draw
  return raw.method === 'worker-fetch' ? ((await largerFile(t, raw)) ?? raw) : raw;
}

/**
 * A downloaded file smaller than a model can use, when the page's srcset offers a larger file of the
 * same image: that one instead (one more download, never more pixels sent than the provider keeps).
 */
async function largerFile(t: SrcTarget, raw: RawImage): Promise<RawImage | undefined> {
  const shown = readImageHeader(raw.bytes);
  if (t.tab?.id === undefined || !shown?.width || !shown.height || Math.max(shown.width, shown.height) >= USEFUL_EDGE) return undefined;
  const sets = await callPage(t.tab.id, t.frameId ?? 0, 'srcsetsOf', t.srcUrl).catch(() => undefined);
  const url = sets && largerCandidate(t.srcUrl, { width: shown.width, height: shown.height }, sets);
  if (!url) return undefined;
  const got = await fetchOriginal(url, t.tab.url).catch(() => undefined);
  if (!got) return undefined;
  const size = readImageHeader(got.bytes);
  // The srcset's widths are the author's word: only a file that really is larger replaces the one shown.
  if (!size?.width || !size.height || size.width <= shown.width) return undefined;
  return { ...got, note: message('noteLargerFile', size.width, size.height, shown.width, shown.height) };
}

import { browser, type Browser } from 'wxt/browser';
import { decodeDataUrl } from '../base64';
import type { Rect, Viewport } from '../picker/types';
import { CaptureError, type RawImage } from './fetch-image';
import { t } from '../i18n';

/** Chrome allows two screenshots a second (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND); quick captures wait their turn. */
const QUOTA_WAIT_MS = 600;

export async function screenshot(windowId: number | undefined): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await browser.tabs.captureVisibleTab(windowId ?? browser.windows.WINDOW_ID_CURRENT, { format: 'png' });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (attempt < 3 && /MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND/.test(message)) {
        await new Promise((r) => setTimeout(r, QUOTA_WAIT_MS));
        continue;
      }
      throw new CaptureError('no-access', t('captureScreenshotFailed', message));
    }
  }
}

/** The whole visible part of the tab, at device pixels (prepareImage downscales it for the provider). */
export async function captureVisible(windowId: number | undefined): Promise<RawImage> {
  return { bytes: decodeDataUrl(await screenshot(windowId)).bytes, mime: 'image/png', method: 'visible-tab' };
}

/** Whether `tab` is still in front of its window and shows the same URL: a screenshot is of whatever is in front. */
async function stillInFront(tab: Browser.tabs.Tab): Promise<boolean> {
  if (tab.id === undefined) return false;
  const now = await browser.tabs.get(tab.id).catch(() => undefined);
  // A tab seen without access to its URL has none to compare; its id, window and being in front still must match.
  return !!now?.active && now.windowId === tab.windowId && (tab.url === undefined || now.url === tab.url);
}

/**
 * Crops the visible part of `tab` to `rect` (CSS px) at device resolution. Needs activeTab (a user
 * gesture) or host access; the scale comes from the screenshot itself, so any DPR or zoom works.
 * Checked before and after the screenshot: if another tab came to the front or the page moved on,
 * nothing is sent, since the pixels would be of something the user did not pick.
 */
export async function cropVisibleTab(tab: Browser.tabs.Tab, rect: Rect, viewport: Viewport, method: RawImage['method']): Promise<RawImage> {
  const changed = () => new CaptureError('unsupported', t('captureTabChanged'));
  if (!(await stillInFront(tab))) throw changed();
  const shot = await screenshot(tab.windowId);
  if (!(await stillInFront(tab))) throw changed();
  const bitmap = await createImageBitmap(new Blob([decodeDataUrl(shot).bytes as BlobPart], { type: 'image/png' }));
  try {
    // innerWidth is whole CSS pixels, so at a fractional zoom this ratio is off by up to a pixel across
    // the screen; the page's devicePixelRatio is exact, and is used when the two agree.
    const ratio = bitmap.width / viewport.width;
    const scale = viewport.dpr && Math.abs(viewport.dpr - ratio) < ratio * 0.01 ? viewport.dpr : ratio;
    const edges = (start: number, length: number, max: number) => {
      const [from, to] = [Math.round(start * scale), Math.round((start + length) * scale)];
      return { from: Math.max(0, from), size: Math.min(max, to) - Math.max(0, from), full: to - from };
    };
    const h = edges(rect.x, rect.width, bitmap.width);
    const v = edges(rect.y, rect.height, bitmap.height);
    const [sx, sy, sw, sh] = [h.from, v.from, h.size, v.size];
    if (sw < 1 || sh < 1) throw new CaptureError('unsupported', t('captureOutsideView'));
    // Larger than the screen: only what is on it can be sent, and the user is told so.
    const note = sw < h.full - 1 || sh < v.full - 1 ? t('noteCropPartial', sw, sh, h.full, v.full) : undefined;
    const canvas = new OffscreenCanvas(sw, sh);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new CaptureError('unsupported', t('captureNoCanvas'));
    ctx.drawImage(bitmap, sx, sy, sw, sh, 0, 0, sw, sh);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return { bytes: new Uint8Array(await blob.arrayBuffer()), mime: 'image/png', method, ...(note ? { note } : {}) };
  } finally {
    bitmap.close();
  }
}

import { browser } from 'wxt/browser';
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

/**
 * Crops the visible tab to `rect` (CSS px) at device resolution. Needs activeTab (a user
 * gesture) or host access; the scale comes from the screenshot itself, so any DPR or zoom works.
 */
export async function cropVisibleTab(
  windowId: number | undefined,
  rect: Rect,
  viewport: Viewport,
  method: RawImage['method'],
): Promise<RawImage> {
  const shot = await screenshot(windowId);
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

import { browser } from 'wxt/browser';
import { decodeDataUrl } from '../base64';
import type { Rect } from '../picker/types';
import { CaptureError, type RawImage } from './fetch-image';
import { t } from '../i18n';

async function screenshot(windowId: number | undefined): Promise<string> {
  try {
    return await browser.tabs.captureVisibleTab(windowId ?? browser.windows.WINDOW_ID_CURRENT, { format: 'png' });
  } catch (err) {
    throw new CaptureError('no-access', t('captureScreenshotFailed', err instanceof Error ? err.message : String(err)));
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
  viewport: { width: number; height: number },
  method: RawImage['method'],
): Promise<RawImage> {
  const shot = await screenshot(windowId);
  const bitmap = await createImageBitmap(new Blob([decodeDataUrl(shot).bytes as BlobPart], { type: 'image/png' }));
  try {
    const scale = bitmap.width / viewport.width;
    const sx = Math.max(0, Math.round(rect.x * scale));
    const sy = Math.max(0, Math.round(rect.y * scale));
    const sw = Math.min(bitmap.width - sx, Math.round(rect.width * scale));
    const sh = Math.min(bitmap.height - sy, Math.round(rect.height * scale));
    if (sw < 1 || sh < 1) throw new CaptureError('unsupported', t('captureOutsideView'));
    const canvas = new OffscreenCanvas(sw, sh);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new CaptureError('unsupported', t('captureNoCanvas'));
    ctx.drawImage(bitmap, sx, sy, sw, sh, 0, 0, sw, sh);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return { bytes: new Uint8Array(await blob.arrayBuffer()), mime: 'image/png', method };
  } finally {
    bitmap.close();
  }
}

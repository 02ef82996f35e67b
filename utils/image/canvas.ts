/** Drawing and encoding on an OffscreenCanvas, shared by the whole-image and the tiled paths. */
import type { Rect } from './content-crop';
import type { Size } from './resize';
import { t } from '../i18n';

export class ImageError extends Error {
  override name = 'ImageError';
}

/** `source` (or its `from` part) drawn at `size` on a new canvas, flattened onto white when asked (JPEG has no alpha). */
export function draw(source: ImageBitmap | OffscreenCanvas, size: Size, smoothing: ImageSmoothingQuality, flatten: boolean, from?: Rect): OffscreenCanvas {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new ImageError(t('imageNoCanvas'));
  if (flatten) {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size.width, size.height);
  }
  ctx.imageSmoothingQuality = smoothing;
  if (from) ctx.drawImage(source, from.x, from.y, from.width, from.height, 0, 0, size.width, size.height);
  else ctx.drawImage(source, 0, 0, size.width, size.height);
  return canvas;
}

export const toBytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

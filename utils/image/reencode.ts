import type { Size } from './resize';
import { t } from '../i18n';

export interface Reencoded {
  mime: 'image/jpeg';
  bytes: Uint8Array;
  width: number;
  height: number;
}

/** The size after scaling by `scale`, never below one pixel. */
export function scaled({ width, height }: Size, scale: number): Size {
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * Decodes and re-encodes an image as JPEG, optionally smaller: the one retry after a provider
 * says the image is too large (413) or unreadable. Runs in the worker on OffscreenCanvas.
 */
export async function reencodeJpeg(bytes: Uint8Array, mime: string, scale: number, quality = 0.7): Promise<Reencoded> {
  const bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type: mime }));
  try {
    const size = scaled({ width: bitmap.width, height: bitmap.height }, scale);
    const canvas = new OffscreenCanvas(size.width, size.height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error(t('reencodeNoCanvas'));
    // JPEG has no alpha: flatten onto white rather than black.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size.width, size.height);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, size.width, size.height);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
    return { mime: 'image/jpeg', bytes: new Uint8Array(await blob.arrayBuffer()), ...size };
  } finally {
    bitmap.close();
  }
}

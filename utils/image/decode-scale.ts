/** Pure maths for decoding a JPEG at a fraction of its size. */
import type { Size } from './resize';

/** Decodes `bytes` at `size`, or gives undefined when this browser cannot (the caller decodes in full). */
export type ScaledDecoder = (bytes: Uint8Array, mime: string, size: Size) => Promise<ImageBitmap | undefined>;

/**
 * The smallest size, in eighths of the stored size, that still covers `out`: libjpeg (and so
 * Chromium's decoder) can decode at M/8 for M = 1…8, skipping most of the work and averaging in the
 * DCT instead of aliasing. Undefined when only the full size covers `out`. Rounds up as libjpeg does.
 */
export function jpegDecodeSize(stored: Size, out: Size): Size | undefined {
  const m = Math.max(1, Math.ceil((8 * out.width) / stored.width), Math.ceil((8 * out.height) / stored.height));
  if (m >= 8) return undefined;
  return { width: Math.ceil((stored.width * m) / 8), height: Math.ceil((stored.height * m) / 8) };
}

/** Pure encoding decisions: what format and quality an image is sent in, and how it is scaled. */
import type { Size } from './resize';

/**
 * The floor for what is sent (issue #20): SSIM on luma, 8×8 windows (quality.ts), against the
 * original drawn at the sent size. Fine text in photos (signs, labels, screens) is what falls first.
 */
export const SSIM_FLOOR = 0.95;
/**
 * JPEG quality for photos. Providers bill by pixels, not bytes, so this is set by the floor alone.
 * Measured on the 12 COCO photos in Chromium 156, each downscaled to 0.3–0.9 of its size with the
 * filter smoothingFor picks (72 cases), SSIM min / median: 0.6 → 0.902 / 0.937, 0.8 → 0.943 / 0.962,
 * 0.85 → 0.954 / 0.971, 0.9 → 0.965 / 0.980; re-encoded at their own size, 0.85 → 0.954 and
 * 0.9 → 0.967 at worst. 0.9 keeps a margin over the floor for photos unlike the corpus; the bytes
 * cost is 0.19 instead of 0.08 of the original's (median), a few ms of upload. WebP is ~15 % smaller at the
 * same SSIM, but Chromium's WebP encoder is ~10× slower (50–150 ms a megapixel on 2 cores), which
 * costs more time than the smaller upload saves; and llama.cpp-based local servers cannot read WebP.
 */
export const PHOTO_QUALITY = 0.9;
/** Scans of text (receipts, pages) keep the quality that leaves glyph edges clean: SSIM ≥ 0.967 on the SROIE receipts at every provider's size. */
export const DOCUMENT_QUALITY = 0.85;
/** A sharp-edged image that is too large as PNG falls back to this JPEG quality. */
export const FALLBACK_QUALITY = 0.8;
/**
 * A re-encode of an image that already fits must save at least this share of its bytes to be worth
 * any loss at all (and must still meet SSIM_FLOOR, which prepare.ts measures).
 */
export const MIN_SAVING = 0.3;
/** Side of the square sample that content detection looks at. */
export const SAMPLE_EDGE = 32;

export type Content = 'photo' | 'document' | 'graphic';

export interface EncodePlan {
  mime: 'image/jpeg' | 'image/png';
  quality?: number;
}

/** Whether the file stores a lossy picture (a photo, usually), from its bytes. */
export function isLossySource(bytes: Uint8Array, mime: string): boolean {
  if (mime === 'image/jpeg' || mime === 'image/avif') return true;
  if (mime !== 'image/webp') return false;
  // RIFF chunks after the 12-byte header: 'VP8 ' is lossy, 'VP8L' lossless (VP8X and others come first).
  for (let at = 12, i = 0; at + 8 <= bytes.length && i < 16; i++) {
    const fourcc = String.fromCharCode(...bytes.subarray(at, at + 4));
    if (fourcc === 'VP8 ') return true;
    if (fourcc === 'VP8L') return false;
    const len = (bytes[at + 4]! | (bytes[at + 5]! << 8) | (bytes[at + 6]! << 16) | (bytes[at + 7]! << 24)) >>> 0;
    at += 8 + len + (len & 1);
  }
  return false;
}

/**
 * A scan of a page: mostly paper (light, unsaturated) and almost no colour. `rgba` is a small
 * downscale of the image (SAMPLE_EDGE²), so this costs nothing. On the corpus, receipts are ≥ 91 %
 * paper and photos ≤ 62 % (a hazy grey landscape), hence the 70 % line.
 */
export function looksLikeDocument(rgba: Uint8ClampedArray | Uint8Array): boolean {
  let paper = 0;
  let grey = 0;
  let n = 0;
  for (let i = 0; i + 3 < rgba.length; i += 4) {
    if (rgba[i + 3]! < 128) continue;
    const r = rgba[i]!, g = rgba[i + 1]!, b = rgba[i + 2]!;
    const chroma = Math.max(r, g, b) - Math.min(r, g, b);
    const luma = 0.299 * r + 0.587 * g + 0.114 * b;
    n++;
    if (chroma <= 40) grey++;
    if (chroma <= 28 && luma >= 150) paper++;
  }
  return n > 0 && paper / n >= 0.7 && grey / n >= 0.85;
}

/** Photos are lossy files that are not pages of text; everything else is sharp-edged. */
export function classify(lossySource: boolean, document: boolean): Content {
  if (!lossySource) return 'graphic';
  return document ? 'document' : 'photo';
}

/** PNG for sharp edges (screenshots, charts, line art); JPEG for photos and scans. */
export function encodePlan(content: Content): EncodePlan {
  if (content === 'photo') return { mime: 'image/jpeg', quality: PHOTO_QUALITY };
  if (content === 'document') return { mime: 'image/jpeg', quality: DOCUMENT_QUALITY };
  return { mime: 'image/png' };
}

/** Whether a re-encode of `originalBytes` into `reencodedBytes` saves enough to be worth measuring its loss. */
export const savesEnough = (originalBytes: number, reencodedBytes: number): boolean => reencodedBytes <= originalBytes * (1 - MIN_SAVING);

/**
 * Whether a re-encode at the image's own size cannot pay, so the original goes without being decoded to
 * try one: a lossless file is never re-encoded (it is not a photo), and a JPEG at or under PHOTO_QUALITY
 * with colour stored smaller (4:2:0, 4:2:2), as Chromium's encoder writes it, comes out as large again
 * (1.17–1.32× for every such file in the corpus). A full-colour (4:4:4) JPEG can shrink by 29 % at the same
 * quality, and an unknown or higher quality by more, so those are tried.
 */
export function reencodeCannotPay(lossy: boolean, jpeg: { mime?: string; quality?: number; chromaSubsampled?: boolean }): boolean {
  if (!lossy) return true;
  return jpeg.mime === 'image/jpeg' && jpeg.quality !== undefined && jpeg.quality <= Math.round(PHOTO_QUALITY * 100) && !!jpeg.chromaSubsampled;
}

/**
 * What goes out when the image needs no resizing and could be sent as it is: a re-encode only
 * when it is a photo, the re-encode clearly saves bytes and it keeps `ssim` (measured against the
 * original) at the floor; never anything bigger than the original.
 */
export function keepOriginal(content: Content, originalBytes: number, reencodedBytes?: number, ssim?: number): boolean {
  if (content !== 'photo' || reencodedBytes === undefined || ssim === undefined) return true;
  return !savesEnough(originalBytes, reencodedBytes) || ssim < SSIM_FLOOR;
}

/**
 * Bilinear ('low') is exact enough down to half size, where every source pixel still counts, and
 * is the fastest; below that it aliases, so mipmapped filtering ('medium') is used. Measured against
 * the 'high' reference on the COCO photos: 'low' alone scores SSIM ≥ 0.994 from 0.5 to 0.9 of the size
 * (down to 0.94 at 0.4, hence the line), and costs at most 0.006 after the JPEG encode; 'medium' and 'high'
 * give the same pixels in Chromium when shrinking.
 */
export function smoothingFor(from: Size, to: Size): ImageSmoothingQuality {
  return Math.min(to.width / from.width, to.height / from.height) >= 0.5 ? 'low' : 'medium';
}

import { bytesToBase64 } from '../base64';
import { encode, toBytes } from './prepare';
import { fitLongEdge } from './resize';
import { sniffImage } from './sniff';

/** Long edge of a list thumbnail: 48 CSS px at 2× density. */
export const THUMB_EDGE = 96;
/** A thumbnail is not worth decoding a huge image for (a 24 MP photo is fine; a 100 MP scan is not). */
const THUMB_MAX_PIXELS = 40_000_000;
/** SVG cannot be decoded in a worker; a small one is shown as itself (an <img> runs and loads nothing in it). */
export const MAX_SVG_THUMB = 24_000;

/**
 * A small JPEG `data:` URL for a list, or undefined when the bytes are no image we can show.
 * Only what the header vouches for is decoded, as in prepareImage.
 */
export async function makeThumb(bytes: Uint8Array, _declaredMime: string, edge = THUMB_EDGE): Promise<string | undefined> {
  const sniffed = sniffImage(bytes);
  if (sniffed.verdict === 'vector') return bytes.length <= MAX_SVG_THUMB ? `data:image/svg+xml;base64,${bytesToBase64(bytes)}` : undefined;
  if (sniffed.verdict !== 'decode') return undefined;
  // Decoding straight to the small size is much cheaper for big photos (when no EXIF turn is involved).
  const w = sniffed.width ?? 0;
  const h = sniffed.height ?? 0;
  if (w * h > THUMB_MAX_PIXELS) return undefined;
  const fit = w && h && (sniffed.orientation ?? 1) === 1 ? fitLongEdge({ width: w, height: h }, edge) : undefined;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes as BlobPart], { type: sniffed.mime }), {
      imageOrientation: 'from-image',
      ...(fit ? { resizeWidth: fit.width, resizeHeight: fit.height, resizeQuality: 'medium' as const } : {}),
    });
  } catch {
    return undefined;
  }
  try {
    const size = fitLongEdge({ width: bitmap.width, height: bitmap.height }, edge);
    return `data:image/jpeg;base64,${bytesToBase64(await toBytes(await encode(bitmap, size, 'image/jpeg', 0.7)))}`;
  } finally {
    bitmap.close();
  }
}

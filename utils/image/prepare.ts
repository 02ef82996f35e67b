import { bytesToBase64 } from '../base64';
import { fitLongEdge, MAX_LONG_EDGE, type Size } from './resize';
import { MAX_DECODE_PIXELS, sniffImage } from './sniff';

export { MAX_DECODE_PIXELS };

/** Keep each encoded image well under every provider's per-image cap (5 MB base64). */
const MAX_ENCODED_BYTES = 3_500_000;
const SENDABLE = new Set(['image/png', 'image/jpeg', 'image/webp']);

export interface PreparedImage {
  /** The prepared bytes that are sent to providers. */
  mime: string;
  bytes: Uint8Array;
  width: number;
  height: number;
  /** Size of what we started from, for the user and for benchmarks. */
  original: { mime: string; width: number; height: number; byteLength: number };
  /** Small JPEG data URL for lists. */
  thumb: string;
  notes: string[];
}

export class ImageError extends Error {
  override name = 'ImageError';
}

export async function encode(bitmap: ImageBitmap, size: Size, mime: string, quality?: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new ImageError('This browser could not create a canvas to resize the image.');
  if (mime === 'image/jpeg') {
    // JPEG has no alpha: flatten onto white rather than black.
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size.width, size.height);
  }
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, size.width, size.height);
  return canvas.convertToBlob({ type: mime, quality });
}

export const toBytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/**
 * Decodes, downscales to `target(size)` (never above 2048 px) and encodes for the content.
 * Sends the original bytes untouched when they already fit.
 */
export async function prepareImage(
  input: Uint8Array,
  declaredMime: string,
  target: (size: Size) => Size = (s) => fitLongEdge(s, MAX_LONG_EDGE),
): Promise<PreparedImage> {
  // Everything below is decided from the header; the decoder only ever sees sane, sized input.
  const sniffed = sniffImage(input);
  const mime = sniffed.mime ?? declaredMime;
  switch (sniffed.verdict) {
    case 'unknown':
      if (!declaredMime.startsWith('image/')) throw new ImageError('This file is not an image Glimpse can read (PNG, JPEG, WebP, GIF, AVIF or BMP).');
      break;
    case 'vector':
      throw new ImageError('SVG images cannot be decoded in the background. Use “Capture a region…” to send what is on screen.');
    case 'too-large': {
      const { width: w = 0, height: h = 0 } = sniffed;
      throw new ImageError(`This image is ${w}×${h} pixels (${Math.round((w * h) / 1e6)} MP), too large to decode safely. Use “Capture a region…” instead.`);
    }
    case 'unsupported':
      throw new ImageError(`Glimpse cannot send this image: ${sniffed.reason}. If the page shows it, use “Capture a region…”.`);
    case 'damaged':
      throw new ImageError(`This ${mime.replace('image/', '').toUpperCase()} file is damaged: ${sniffed.reason}. If the page shows it, use “Capture a region…”.`);
    case 'decode':
      break;
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([input as BlobPart], { type: mime }), { imageOrientation: 'from-image' });
  } catch {
    throw new ImageError(
      sniffed.truncated
        ? `The image file is incomplete (it stops after ${input.length} bytes), so it could not be decoded. Reload the page, or use “Capture a region…”.`
        : `The image could not be decoded (${mime}); the file may be corrupt or in a format this browser cannot read.`,
    );
  }
  const notes: string[] = [];
  if (sniffed.animated) notes.push('Animated images are sent as their first frame.');
  // The original bytes go out only when a model server cannot misread them.
  const sendAsIs =
    SENDABLE.has(mime) && input.length <= MAX_ENCODED_BYTES && !sniffed.animated && !sniffed.cmyk && !sniffed.truncated && (sniffed.orientation ?? 1) === 1;
  try {
    const size = { width: bitmap.width, height: bitmap.height };
    const out = target(size);
    const resized = out.width !== size.width || out.height !== size.height;
    let bytes: Uint8Array;
    let outMime: string;
    if (!resized && sendAsIs) {
      bytes = input;
      outMime = mime;
    } else {
      // Photos stay JPEG; sharp-edged content (screenshots, charts, text) is PNG unless that is too big.
      outMime = mime === 'image/jpeg' ? 'image/jpeg' : 'image/png';
      bytes = await toBytes(await encode(bitmap, out, outMime, 0.85));
      if (bytes.length > MAX_ENCODED_BYTES) {
        outMime = 'image/jpeg';
        bytes = await toBytes(await encode(bitmap, out, outMime, 0.8));
      }
      if (resized) notes.push(`Downscaled from ${size.width}×${size.height} to ${out.width}×${out.height}.`);
    }
    const thumbSize = fitLongEdge(size, 192);
    const thumb = `data:image/jpeg;base64,${bytesToBase64(await toBytes(await encode(bitmap, thumbSize, 'image/jpeg', 0.7)))}`;
    return {
      mime: outMime,
      bytes,
      width: out.width,
      height: out.height,
      original: { mime, width: size.width, height: size.height, byteLength: input.length },
      thumb,
      notes,
    };
  } finally {
    bitmap.close();
  }
}

import { bytesToBase64 } from '../base64';
import { readImageHeader } from './header';
import { fitLongEdge, MAX_LONG_EDGE, type Size } from './resize';

/** Refuse before decoding: a 100 MP image is far beyond what any provider uses. */
export const MAX_DECODE_PIXELS = 100_000_000;
/** Keep each encoded image well under every provider's per-image cap (5 MB base64). */
const MAX_ENCODED_BYTES = 3_500_000;
const SENDABLE = new Set(['image/png', 'image/jpeg', 'image/webp']);

export interface PreparedImage {
  mime: string;
  bytes: Uint8Array;
  width: number;
  height: number;
  original: { mime: string; width: number; height: number; byteLength: number };
  thumb: string;
  notes: string[];
}

export class ImageError extends Error {
  override name = 'ImageError';
}

async function encode(bitmap: ImageBitmap, size: Size, mime: string, quality?: number): Promise<Blob> {
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

const toBytes = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

/**
 * Decodes, downscales to `target(size)` (never above 2048 px) and encodes for the content.
 * Sends the original bytes untouched when they already fit.
 */
export async function prepareImage(
  input: Uint8Array,
  declaredMime: string,
  target: (size: Size) => Size = (s) => fitLongEdge(s, MAX_LONG_EDGE),
): Promise<PreparedImage> {
  const header = readImageHeader(input);
  const mime = header?.mime ?? declaredMime;
  if (!header && !declaredMime.startsWith('image/')) {
    throw new ImageError('This file is not an image Glimpse can read (PNG, JPEG, WebP, GIF, AVIF or BMP).');
  }
  if (mime === 'image/svg+xml') {
    throw new ImageError('SVG images cannot be decoded in the background. Use “Capture a region…” to send what is on screen.');
  }
  if (header?.width && header.height && header.width * header.height > MAX_DECODE_PIXELS) {
    throw new ImageError(
      `This image is ${header.width}×${header.height} pixels (${Math.round((header.width * header.height) / 1e6)} MP), too large to decode safely. Use “Capture a region…” instead.`,
    );
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([input as BlobPart], { type: mime }), { imageOrientation: 'from-image' });
  } catch {
    throw new ImageError(`The image could not be decoded (${mime}); the file may be corrupt or in a format this browser cannot read.`);
  }
  const notes: string[] = [];
  if (mime === 'image/gif' || (mime === 'image/webp' && input.length > 30 && String.fromCharCode(...input.subarray(30, 34)).includes('ANIM'))) {
    notes.push('Animated images are sent as their first frame.');
  }
  try {
    const size = { width: bitmap.width, height: bitmap.height };
    const out = target(size);
    const resized = out.width !== size.width || out.height !== size.height;
    let bytes: Uint8Array;
    let outMime: string;
    if (!resized && SENDABLE.has(mime) && input.length <= MAX_ENCODED_BYTES) {
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

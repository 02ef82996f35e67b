import { bytesToBase64 } from '../base64';
import { fitLongEdge, MAX_LONG_EDGE, type Size } from './resize';
import { MAX_DECODE_PIXELS, sniffImage, type Sniffed } from './sniff';
import { mark } from '../marks';
import { jpegDecodeSize, upright, type ScaledDecoder } from './decode-scale';
import { classify, encodePlan, FALLBACK_QUALITY, isLossySource, keepOriginal, looksLikeDocument, reencodeCannotPay, SAMPLE_EDGE, savesEnough, smoothingFor, type Content } from './encode-policy';
import { ssimOf } from './quality';
import { t } from '../i18n';
import { draw, ImageError, toBytes } from './canvas';
import type { Rect } from './content-crop';
import { encodeTiles, layoutFor, sharpEnough, type Tile } from './layout';
import type { ImageLimits } from './tiles';

export { ImageError, toBytes };

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
  /** The content that was kept, in the original's pixels, when the image was cropped to it. */
  crop?: Rect;
  /** Overlapping tiles sent instead of `bytes`, in reading order, when one image would show the text too small. */
  tiles?: Tile[];
}

/** What is sent, without the thumbnail (which is made after the request is on its way). */
export type SendableImage = Omit<PreparedImage, 'thumb'>;

export interface Prepared {
  image: SendableImage;
  /** How the content was judged, which decided the encoding. */
  content: Content;
  /** Makes the list thumbnail and frees the decoded image; call it or `release`, once. */
  thumb: () => Promise<string>;
  /** Frees the decoded image without a thumbnail (batch work that shows none). */
  release: () => void;
}

export async function encode(
  bitmap: ImageBitmap | OffscreenCanvas,
  size: Size,
  mime: string,
  quality?: number,
  smoothing: ImageSmoothingQuality = 'high',
): Promise<Blob> {
  return draw(bitmap, size, smoothing, mime === 'image/jpeg').convertToBlob({ type: mime, quality });
}

/** A tiny downscale of the image, for content detection; undefined when no canvas is available. */
function sample(bitmap: ImageBitmap): Uint8ClampedArray | undefined {
  const ctx = new OffscreenCanvas(SAMPLE_EDGE, SAMPLE_EDGE).getContext('2d', { willReadFrequently: true });
  if (!ctx) return undefined;
  ctx.drawImage(bitmap, 0, 0, SAMPLE_EDGE, SAMPLE_EDGE);
  return ctx.getImageData(0, 0, SAMPLE_EDGE, SAMPLE_EDGE).data;
}

/**
 * A JPEG at least twice what is sent, decoded upright at the smallest fast eighth of its size that
 * covers it: a fraction of the decoder's work, and the DCT averages where a bilinear downscale would
 * alias. Undefined (decode in full) for anything else, or when `decodeAt` cannot or gives a wrong size.
 */
async function decodeSmaller(
  input: Uint8Array,
  sniffed: Sniffed,
  target: (size: Size) => Size,
  decodeAt?: ScaledDecoder,
): Promise<{ bitmap: ImageBitmap; size: Size } | undefined> {
  const { mime, width, height, orientation = 1 } = sniffed;
  // CMYK and truncated files are left to the full decode, which is known to handle them.
  if (!decodeAt || mime !== 'image/jpeg' || !width || !height || sniffed.cmyk || sniffed.truncated) return undefined;
  const size = upright({ width, height }, orientation);
  const out = target(size);
  const at = jpegDecodeSize(size, out);
  if (!at) return undefined;
  const bitmap = await decodeAt(input, mime, at, orientation).catch(() => undefined);
  if (!bitmap) return undefined;
  // Covers the target, no larger than the image, and the image's shape (a turn not applied would show here).
  const shape = Math.abs(bitmap.width * size.height - bitmap.height * size.width) <= Math.max(size.width, size.height);
  if (bitmap.width < out.width || bitmap.height < out.height || bitmap.width > size.width || bitmap.height > size.height || !shape) {
    bitmap.close();
    return undefined;
  }
  return { bitmap, size };
}

/**
 * The original, sent without decoding it, when it already fits the provider's rule and no re-encode could
 * pay (reencodeCannotPay): decoding and encoding it only to keep it would delay the request. The thumbnail
 * decodes it later, after the request has left. Not sampled, so `content` is what the file kind says.
 */
function keptUndecoded(input: Uint8Array, mime: string, sniffed: Sniffed, target: (size: Size) => Size): Prepared | undefined {
  const { width, height } = sniffed;
  if (!width || !height) return undefined;
  const out = target({ width, height });
  const lossy = isLossySource(input, mime);
  if (out.width !== width || out.height !== height || !reencodeCannotPay(lossy, sniffed)) return undefined;
  mark('encoded');
  return {
    image: { mime, bytes: input, width, height, original: { mime, width, height, byteLength: input.length }, notes: [] },
    content: classify(lossy, false),
    thumb: async () => {
      const bitmap = await createImageBitmap(new Blob([input as BlobPart], { type: mime }));
      try {
        return await thumbOf(bitmap);
      } finally {
        bitmap.close();
      }
    },
    release: () => undefined,
  };
}

/** prepareForSend, with the thumbnail made at once (for callers that need no head start). */
export async function prepareImage(
  input: Uint8Array,
  declaredMime: string,
  target?: (size: Size) => Size,
): Promise<PreparedImage> {
  const { image, thumb } = await prepareForSend(input, declaredMime, target);
  return { ...image, thumb: await thumb() };
}

/**
 * Decodes, downscales to `target(size)` (never above 2048 px) and encodes for the content:
 * photos as JPEG at PHOTO_QUALITY, scans of text as high-quality JPEG, sharp-edged images as PNG.
 * The original bytes go out when they already fit, unless a re-encode both clearly shrinks them and
 * keeps SSIM_FLOOR.
 */
export async function prepareForSend(
  input: Uint8Array,
  declaredMime: string,
  target: (size: Size) => Size = (s) => fitLongEdge(s, MAX_LONG_EDGE),
  decodeAt?: ScaledDecoder,
  /** The provider's request limits; given, a large scan or tall page may be cropped and tiled (layout.ts). */
  limits?: ImageLimits,
): Promise<Prepared> {
  // Everything below is decided from the header; the decoder only ever sees sane, sized input.
  const sniffed = sniffImage(input);
  const mime = sniffed.mime ?? declaredMime;
  switch (sniffed.verdict) {
    case 'unknown':
      // Only what the sniffer vouches for reaches a decoder: an unknown format has no size to check first.
      throw new ImageError(declaredMime.startsWith('image/') ? t('imageUnknownFormat', declaredMime) : t('imageNotReadable'));
    case 'vector':
      throw new ImageError(t('imageSvgBackground'));
    case 'too-large': {
      const { width: w = 0, height: h = 0 } = sniffed;
      throw new ImageError(t('imageTooLarge', w, h, Math.round((w * h) / 1e6)));
    }
    case 'unsupported':
      throw new ImageError(t('imageUnsupported', sniffed.reason ?? ''));
    case 'damaged':
      throw new ImageError(t('imageDamaged', mime.replace('image/', '').toUpperCase(), sniffed.reason ?? ''));
    case 'decode':
      break;
  }
  // The original bytes go out only when a model server cannot misread them.
  const sendAsIs =
    SENDABLE.has(mime) && input.length <= MAX_ENCODED_BYTES && !sniffed.animated && !sniffed.cmyk && !sniffed.truncated && (sniffed.orientation ?? 1) === 1;
  if (sendAsIs) {
    const kept = keptUndecoded(input, mime, sniffed, target);
    if (kept) return kept;
  }
  let bitmap: ImageBitmap;
  const smaller = await decodeSmaller(input, sniffed, target, decodeAt);
  try {
    bitmap = smaller?.bitmap ?? (await createImageBitmap(new Blob([input as BlobPart], { type: mime }), { imageOrientation: 'from-image' }));
  } catch {
    throw new ImageError(
      sniffed.truncated
        ? t('imageIncomplete', input.length)
        : t('imageUndecodable', mime),
    );
  }
  mark('decoded');
  const notes: string[] = [];
  if (sniffed.animated) notes.push(t('noteAnimated'));
  // The image's own size, which a smaller decode is not.
  const size = smaller?.size ?? { width: bitmap.width, height: bitmap.height };
  try {
    let out = target(size);
    const resized = out.width !== size.width || out.height !== size.height;
    const lossy = isLossySource(input, mime);
    const pixels = lossy ? sample(bitmap) : undefined;
    const content = classify(lossy, !!pixels && looksLikeDocument(pixels));
    mark('classified');
    const plan = encodePlan(content);
    const layout = limits && resized ? await layoutFor(bitmap, size, content, target, limits) : undefined;
    if (layout && smaller && !sharpEnough(bitmap, size, layout)) {
      // The small decode was made for one whole image; tiles need more of the original's pixels.
      const full = await createImageBitmap(new Blob([input as BlobPart], { type: mime }), { imageOrientation: 'from-image' });
      bitmap.close();
      bitmap = full;
    }
    const k = bitmap.width / size.width;
    const from = layout?.crop && { x: layout.crop.x * k, y: layout.crop.y * k, width: layout.crop.width * k, height: layout.crop.height * k };
    if (layout?.crop) out = target(layout.crop);
    const smoothing = smoothingFor(from ?? { width: bitmap.width, height: bitmap.height }, out);
    // One drawing serves every encode (a JPEG source has no alpha, so there is nothing to flatten).
    let drawn: { canvas: OffscreenCanvas; flat: boolean } | undefined;
    const encodeAs = async (as: string, quality?: number) => {
      const flat = as === 'image/jpeg' && mime !== 'image/jpeg';
      if (drawn?.flat !== flat) drawn = { canvas: draw(bitmap, out, smoothing, flat, from), flat };
      return toBytes(await drawn.canvas.convertToBlob({ type: as, quality }));
    };
    let outMime: string = plan.mime;
    let bytes: Uint8Array | undefined;
    if (!resized && sendAsIs) {
      // Only a photo is worth re-encoding at its own size, and only when that clearly saves bytes and
      // keeps the quality floor; both images are the same size here, so measuring is cheap.
      const again = content === 'photo' ? await encodeAs(plan.mime, plan.quality) : undefined;
      const ssim = again && savesEnough(input.length, again.length) ? await ssimOf(drawn!.canvas, again, plan.mime) : undefined;
      if (keepOriginal(content, input.length, again?.length, ssim)) {
        bytes = input;
        outMime = mime;
      } else {
        bytes = again;
        notes.push(t('noteReencoded', Math.round(input.length / 1024), Math.round(again!.length / 1024), Math.round(plan.quality! * 100)));
      }
    }
    if (!bytes) {
      bytes = await encodeAs(outMime, plan.quality);
      if (bytes.length > MAX_ENCODED_BYTES) {
        outMime = 'image/jpeg';
        bytes = await encodeAs(outMime, FALLBACK_QUALITY);
      }
      if (layout?.crop) notes.push(t('noteCropped', layout.crop.width, layout.crop.height, size.width, size.height));
      const was = layout?.crop ?? size;
      if (resized) notes.push(t('noteDownscaled', was.width, was.height, out.width, out.height));
    }
    const tiles = layout && layout.plan.tiles.length > 1 ? await encodeTiles(bitmap, size, layout, content, mime, limits!) : undefined;
    if (tiles) {
      // Scales, not line heights: the ink estimate runs well under a line of screen text, and a scale needs no estimate.
      const pct = (s: number) => Math.max(1, Math.round(100 * s));
      const tiled = Math.min(...tiles.map((tile) => tile.height / tile.rect.height));
      notes.push(t('noteTiled', tiles.length, pct(tiled), pct(out.height / (layout!.crop ?? size).height)));
    }
    mark('encoded');
    // The thumbnail comes from the downscaled drawing when there is one: far cheaper than a 12 MP bitmap.
    const small = drawn?.canvas;
    return {
      image: {
        mime: outMime,
        bytes,
        width: out.width,
        height: out.height,
        original: { mime, width: size.width, height: size.height, byteLength: input.length },
        notes,
        ...(layout?.crop ? { crop: layout.crop } : {}),
        ...(tiles ? { tiles } : {}),
      },
      content,
      thumb: () => thumbOf(small ?? bitmap).finally(() => bitmap.close()),
      release: () => bitmap.close(),
    };
  } catch (err) {
    bitmap.close();
    throw err;
  }
}

/** The list thumbnail, a small JPEG. */
async function thumbOf(source: ImageBitmap | OffscreenCanvas): Promise<string> {
  const size = fitLongEdge({ width: source.width, height: source.height }, 192);
  return `data:image/jpeg;base64,${bytesToBase64(await toBytes(await encode(source, size, 'image/jpeg', 0.7)))}`;
}

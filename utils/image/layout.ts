/**
 * Large scans and tall pages: crop to the content, and tile when one image would show the text too
 * small (tiles.ts decides; this draws). Runs only where the provider's rule would shrink the image.
 */
import { GREY_EDGE, toGrey, type Rect } from './content-crop';
import { draw, toBytes } from './canvas';
import { encodePlan, FALLBACK_QUALITY, smoothingFor, type Content } from './encode-policy';
import type { Size } from './resize';
import { planLayout, withinLimits, type ImageLimits, type Layout } from './tiles';

export type { Layout };

/** One tile as sent: its bytes, and where it lies in the original image. */
export interface Tile {
  mime: string;
  bytes: Uint8Array;
  width: number;
  height: number;
  rect: Rect;
}

/** A small grey copy of `bitmap`, resized by the decoder (drawing 35 MP onto a small canvas is far slower). */
async function greyCopy(bitmap: ImageBitmap) {
  const s = Math.min(1, GREY_EDGE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * s));
  const height = Math.max(1, Math.round(bitmap.height * s));
  const small = await createImageBitmap(bitmap, { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' });
  try {
    const ctx = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (!ctx) return undefined;
    ctx.drawImage(small, 0, 0);
    return toGrey(ctx.getImageData(0, 0, width, height).data, width, height);
  } finally {
    small.close();
  }
}

/**
 * The crop and tiles for an image of `size` (the original's pixels; `bitmap` may be a smaller decode),
 * or undefined when it goes whole, as before. Photos are never cropped or tiled; only scans of pages
 * are cropped (a screenshot's background is part of it).
 */
export async function layoutFor(bitmap: ImageBitmap, size: Size, content: Content, fit: (s: Size) => Size, limits: ImageLimits): Promise<Layout | undefined> {
  if (content === 'photo') return undefined;
  const grey = await greyCopy(bitmap);
  return grey && planLayout(grey, size, content, fit, limits.maxImages);
}

/** The scale of the original that `bitmap` holds, and whether that is enough for every tile of `layout`. */
export function sharpEnough(bitmap: { width: number }, size: Size, layout: Layout): boolean {
  const have = bitmap.width / size.width;
  return layout.plan.tiles.every((r, i) => layout.plan.sizes[i]!.width / r.width <= have * 1.001);
}

/**
 * Encodes each tile of `layout` from `bitmap` (which holds the original at `bitmap.width / size.width`),
 * in the content's format; tiles that would break the provider's byte limits go as JPEG.
 */
export async function encodeTiles(bitmap: ImageBitmap, size: Size, layout: Layout, content: Content, sourceMime: string, limits: ImageLimits): Promise<Tile[]> {
  const k = bitmap.width / size.width;
  const plan = encodePlan(content);
  const encodeAll = (mime: string, quality?: number) =>
    Promise.all(
      layout.plan.tiles.map(async (rect, i) => {
        const out = layout.plan.sizes[i]!;
        const from = { x: rect.x * k, y: rect.y * k, width: rect.width * k, height: rect.height * k };
        const flat = mime === 'image/jpeg' && sourceMime !== 'image/jpeg';
        const canvas = draw(bitmap, out, smoothingFor(from, out), flat, from);
        const bytes = await toBytes(await canvas.convertToBlob({ type: mime, quality }));
        return { mime, bytes, width: out.width, height: out.height, rect };
      }),
    );
  let tiles = await encodeAll(plan.mime, plan.quality);
  if (!withinLimits(tiles.map((t) => t.bytes.length), limits)) tiles = await encodeAll('image/jpeg', FALLBACK_QUALITY);
  return tiles;
}

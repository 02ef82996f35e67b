/**
 * Pure tiling maths: when a large page, fitted whole to the provider's size rule, would show its text
 * too small to read, it goes as a few overlapping tiles, each fitted to the same rule. Measured on the
 * SROIE scans (test/bench/receipt-tiling.ts): crop to the content first, then as few strips as reach
 * the legible height, overlapping by two lines so that every line is whole in at least one tile.
 */
import { contentBox, lineHeight, scaleRect, type Grey, type Rect } from './content-crop';
import type { Content } from './encode-policy';
import type { Size } from './resize';

/** The line height (an OCR line box) a model should see at least; below it, small print is misread. */
export const LEGIBLE_PX = 30;
/**
 * Lines are measured from ink, which runs under an OCR line box (on the SROIE scans ink runs are
 * 0.6–0.9 of the boxes, 0.8 typically; content-crop.chromium.test.ts prints them): the ink height that
 * stands for LEGIBLE_PX on the large scan (0.89 there), the target at which `npm run bench` shows
 * every profile at ≥ 30 px.
 */
export const LEGIBLE_INK_PX = 26;
/** Tiles are made for this ink height (headroom over LEGIBLE_INK_PX), never more: tokens cost money. */
const TARGET_INK_PX = 30;
/** Tiles must show the text at least this much larger than the whole image would, or they are not worth their tokens. */
const MIN_GAIN = 1.15;

/** What a provider accepts in one request. Counted in bytes as sent (base64 grows them by 4/3). */
export interface ImageLimits {
  /** Images in one request, resent history included. */
  maxImages: number;
  /** One image, base64. */
  maxImageBytes: number;
  /** Every image of the request together, base64. */
  maxRequestBytes: number;
}

const MB = 1024 * 1024;

/**
 * Each provider's limits (/work/shared/PROVIDERS.md "Limits at a glance"), kept under the strictest
 * figure of each: Anthropic's 5 MB an image (Bedrock, Vertex and older API), more than 20 images only at
 * ≤ 2000 px; Gemini's 20 MB inline request; OpenAI's older 50 MB / 500 images. Glimpse never sends
 * more than MAX_TILES. Other OpenAI-compatible servers (vLLM's --limit-mm-per-prompt defaults to one
 * image for many models) and the on-device model get one image: cropped, never tiled.
 */
export const MAX_TILES = 6;
export function imageLimits(providerId: string): ImageLimits {
  switch (providerId) {
    case 'openai':
      return { maxImages: MAX_TILES, maxImageBytes: 20 * MB, maxRequestBytes: 48 * MB };
    case 'anthropic':
      return { maxImages: MAX_TILES, maxImageBytes: 5 * MB, maxRequestBytes: 30 * MB };
    case 'gemini':
      return { maxImages: MAX_TILES, maxImageBytes: 5 * MB, maxRequestBytes: 18 * MB };
    case 'ollama':
      return { maxImages: MAX_TILES, maxImageBytes: 5 * MB, maxRequestBytes: 18 * MB };
    default:
      return { maxImages: 1, maxImageBytes: 5 * MB, maxRequestBytes: 18 * MB };
  }
}

/** The base64 size of `bytes` raw bytes. */
export const base64Size = (bytes: number) => 4 * Math.ceil(bytes / 3);

/** Whether these encoded images (raw byte counts) may go in one request to a provider with `limits`. */
export function withinLimits(byteLengths: number[], limits: ImageLimits): boolean {
  const sizes = byteLengths.map(base64Size);
  return (
    sizes.length <= limits.maxImages &&
    sizes.every((n) => n <= limits.maxImageBytes) &&
    sizes.reduce((a, b) => a + b, 0) <= limits.maxRequestBytes
  );
}

/** `length` cut into `n` pieces, each reaching `overlap` into the next; [start, length] pairs. */
export function split(length: number, n: number, overlap: number): [number, number][] {
  if (n <= 1) return [[0, length]];
  const step = Math.ceil((length - overlap) / n);
  return Array.from({ length: n }, (_, i) => {
    const start = i * step;
    return [start, i === n - 1 ? length - start : Math.min(step + overlap, length - start)];
  });
}

/** A grid of `cols` × `rows` overlapping tiles over `area`, row by row (reading order). */
export function grid(area: Rect, cols: number, rows: number, overlap: number): Rect[] {
  const xs = split(area.width, cols, overlap);
  return split(area.height, rows, overlap).flatMap(([y, height]) => xs.map(([x, width]) => ({ x: area.x + x, y: area.y + y, width, height })));
}

/** The scale a size rule gives `s` (1 when it leaves it alone). */
export const scaleOf = (s: Size, fit: (s: Size) => Size) => {
  const out = fit(s);
  return Math.min(out.width / s.width, out.height / s.height);
};

export interface TilePlan {
  /** In the same pixels as the area; one tile is the whole area. */
  tiles: Rect[];
  /** Each tile's size as sent, in order. */
  sizes: Size[];
  /** The ink line height as sent (the smallest over the tiles); undefined when no line was measured. */
  linePx?: number;
}

/**
 * The tiles for `area` (a content crop) whose lines of ink are `line` px tall, fitted by `fit` (the
 * provider's size rule). One tile when the whole area, fitted, keeps lines at LEGIBLE_INK_PX or when
 * no line was measured; else the fewest strips (then columns, for a wide page) that do, at most
 * `maxTiles` (or, when none do, the sharpest grid of at most `maxTiles`). Tiles overlap by two lines so that every line is whole in one of them, and are sent no
 * larger than TARGET_INK_PX needs.
 */
export function planTiles(area: Rect, line: number | undefined, fit: (s: Size) => Size, maxTiles = MAX_TILES): TilePlan {
  const whole = scaleOf(area, fit);
  const one: TilePlan = { tiles: [area], sizes: [fit(area)], linePx: line && line * whole };
  const need = line && Math.min(1, LEGIBLE_INK_PX / line);
  // Nothing to gain: no lines measured, legible already, or already at full size.
  if (!line || !need || maxTiles <= 1 || whole >= need * 0.999) return one;
  const want = Math.min(1, TARGET_INK_PX / line);
  const worth = (scale: number) => Math.min(scale, want) >= whole * MIN_GAIN;
  const overlap = Math.ceil(2 * line);
  // The fewest tiles that reach `need`; failing that (a very long page), the sharpest grid allowed.
  let best: Rect[] | undefined;
  let sharpest = { scale: 0, tiles: undefined as Rect[] | undefined };
  for (let cols = 1; cols <= maxTiles && !best; cols++) {
    for (let rows = cols === 1 ? 2 : 1; cols * rows <= maxTiles; rows++) {
      const tiles = grid(area, cols, rows, overlap);
      // A tile thinner than the overlap would be all overlap: more rows cannot help.
      if (tiles.some((t) => t.height <= overlap || t.width <= overlap)) break;
      const scale = Math.min(...tiles.map((t) => scaleOf(t, fit)));
      if (!worth(scale)) continue;
      if (scale >= need * 0.999) {
        best = tiles;
        break;
      }
      if (scale > sharpest.scale) sharpest = { scale, tiles };
    }
  }
  best ??= sharpest.tiles;
  if (!best) return one;
  const sizes = best.map((t) => fit({ width: Math.max(1, Math.round(t.width * want)), height: Math.max(1, Math.round(t.height * want)) }));
  const linePx = Math.min(...sizes.map((s, i) => (line * s.height) / best[i]!.height));
  return { tiles: best, sizes, linePx };
}

export interface Layout {
  /** The content, in the original's pixels; undefined when it is the whole image. */
  crop?: Rect;
  plan: TilePlan;
}

/** A crop must save this share of the area to be worth it: a scan's own margin is not. */
const MIN_CROP_SAVING = 0.15;

/**
 * The crop and tiles for an image of `size` from its grey copy, or undefined when it goes whole, as
 * before. Only scans of pages are cropped (a screenshot's background is part of it); photos are
 * neither cropped nor tiled.
 */
export function planLayout(grey: Grey, size: Size, content: Content, fit: (s: Size) => Size, maxImages: number): Layout | undefined {
  // An image the provider takes as it is goes as it is.
  if (content === 'photo' || scaleOf(size, fit) >= 1) return undefined;
  const whole = { x: 0, y: 0, width: grey.width, height: grey.height };
  let box = content === 'document' ? contentBox(grey) : whole;
  if (box.width * box.height > (1 - MIN_CROP_SAVING) * grey.width * grey.height) box = whole;
  const scale = grey.width / size.width;
  // The grey copy's rounding must not cut the page's last rows off: the whole is the whole image.
  const crop = box === whole ? { x: 0, y: 0, ...size } : scaleRect(box, scale, size);
  const line = lineHeight(grey, box);
  const plan = planTiles(crop, line && line / scale, fit, maxImages);
  const cropped = box !== whole;
  if (!cropped && plan.tiles.length === 1) return undefined;
  return { crop: cropped ? crop : undefined, plan };
}

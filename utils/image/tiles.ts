/**
 * Pure tiling maths: when a large page, fitted whole to the provider's size rule, would show its text
 * too small to read, it goes as a few overlapping tiles, each fitted to the same rule. Measured on the
 * SROIE scans (test/bench/receipt-tiling.ts): crop to the content first, then as few strips as reach
 * the legible height, overlapping by two lines so that every line is whole in at least one tile.
 */
import type { Rect } from './content-crop';
import type { Size } from './resize';

/** The line height (an OCR line box) a model should see at least; below it, small print is misread. */
export const LEGIBLE_PX = 30;
/**
 * Lines are measured from ink, which runs a little under an OCR line box (on SROIE, ink runs are
 * 0.7–0.9 of the boxes); this is the ink height that stands for LEGIBLE_PX, with a margin for error.
 */
export const LEGIBLE_INK_PX = 28;
/** Tiles are made for this ink height (headroom over LEGIBLE_INK_PX), never more: tokens cost money. */
const TARGET_INK_PX = 32;
/** Tiles that cannot reach the legible height are still sent when they at least show the text this much larger. */
const MIN_GAIN = 1.25;

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
  const whole = fit(area);
  const one: TilePlan = { tiles: [area], sizes: [whole], linePx: line && line * scaleOf(area, fit) };
  if (!line || maxTiles <= 1 || line * scaleOf(area, fit) >= LEGIBLE_INK_PX) return one;
  const need = Math.min(1, LEGIBLE_INK_PX / line);
  const want = Math.min(1, TARGET_INK_PX / line);
  const overlap = Math.ceil(2 * line);
  // The fewest tiles that reach `need`; failing that (a very long page), the sharpest grid allowed.
  let best: Rect[] | undefined;
  let sharpest = { scale: scaleOf(area, fit) * MIN_GAIN, tiles: undefined as Rect[] | undefined };
  for (let cols = 1; cols <= maxTiles && !best; cols++) {
    for (let rows = cols === 1 ? 2 : 1; cols * rows <= maxTiles; rows++) {
      const tiles = grid(area, cols, rows, overlap);
      // A tile thinner than the overlap would be all overlap: more rows cannot help.
      if (tiles.some((t) => t.height <= overlap || t.width <= overlap)) break;
      const scale = Math.min(...tiles.map((t) => scaleOf(t, fit)));
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

/**
 * Pure pixel maths on a small grey copy of an image: where the document is on its background, and how
 * tall its lines of text are. Both feed the tiler (tiles.ts); neither needs a canvas.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Grey {
  /** One luminance byte a pixel, row by row. */
  data: Uint8Array;
  width: number;
  height: number;
}

/** The long edge of the grey copy: enough for a line of receipt print to be a few rows tall. */
export const GREY_EDGE = 1024;

export function toGrey(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number): Grey {
  const data = new Uint8Array(width * height);
  for (let i = 0, p = 0; p < data.length; i += 4, p++) {
    // Transparent pixels count as paper: a PNG's empty margin is not content.
    data[p] = rgba[i + 3]! < 128 ? 255 : Math.round(0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!);
  }
  return { data, width, height };
}

/** The luminance below which a pixel is ink: well under the paper (its 90th percentile), never above 170. */
function inkLevel(g: Grey): number {
  const hist = new Uint32Array(256);
  for (const v of g.data) hist[v]!++;
  let seen = 0;
  let paper = 255;
  for (let v = 0; v < 256; v++) {
    seen += hist[v]!;
    if (seen >= 0.9 * g.data.length) {
      paper = v;
      break;
    }
  }
  return Math.min(170, Math.round(paper * 0.68));
}

/** First and last index whose count reaches `min`; undefined when none does. */
function span(counts: Uint32Array, min: number): [number, number] | undefined {
  const first = counts.findIndex((n) => n >= min);
  if (first === -1) return undefined;
  let last = counts.length - 1;
  while (counts[last]! < min) last--;
  return [first, last];
}

/** Per-row and per-column counts of pixels inside `r` that pass `test`. */
function profiles(g: Grey, r: Rect, test: (v: number) => boolean): { rows: Uint32Array; cols: Uint32Array } {
  const rows = new Uint32Array(r.height);
  const cols = new Uint32Array(r.width);
  for (let y = 0; y < r.height; y++) {
    const at = (r.y + y) * g.width + r.x;
    for (let x = 0; x < r.width; x++) {
      if (test(g.data[at + x]!)) {
        rows[y]!++;
        cols[x]!++;
      }
    }
  }
  return { rows, cols };
}

/** The paper when it lies on a darker background (a receipt photographed on a desk); else the whole image. */
function paperArea(g: Grey, ink: number): Rect {
  const whole = { x: 0, y: 0, width: g.width, height: g.height };
  const edge = Math.max(1, Math.round(0.02 * Math.min(g.width, g.height)));
  let dark = 0;
  let n = 0;
  for (let y = 0; y < g.height; y++) {
    for (let x = 0; x < g.width; x++) {
      if (y >= edge && y < g.height - edge && x >= edge && x < g.width - edge) continue;
      n++;
      if (g.data[y * g.width + x]! < ink) dark++;
    }
  }
  if (dark < 0.5 * n) return whole;
  // A row or column belongs to the paper when a good part of it is light.
  const { rows, cols } = profiles(g, whole, (v) => v >= ink);
  const ys = span(rows, 0.25 * g.width);
  const xs = span(cols, 0.25 * g.height);
  if (!ys || !xs) return whole;
  // Stay off the paper's own edge, which is dark against the background.
  const inset = edge;
  const x = Math.min(xs[0] + inset, xs[1]);
  const y = Math.min(ys[0] + inset, ys[1]);
  return { x, y, width: Math.max(1, xs[1] - inset - x + 1), height: Math.max(1, ys[1] - inset - y + 1) };
}

/**
 * Where the content is, in the grey copy's pixels: the box around its ink, grown by a margin of two
 * lines (and at least 2 % of the long edge) so that nothing at the edge of the print is lost. A speck
 * of dust darkens a pixel or two in a row; a line of print darkens several, so rows and columns need
 * at least 3 ink pixels. The whole image when nothing is found.
 */
export function contentBox(g: Grey): Rect {
  const whole = { x: 0, y: 0, width: g.width, height: g.height };
  const ink = inkLevel(g);
  const area = paperArea(g, ink);
  const { rows, cols } = profiles(g, area, (v) => v < ink);
  const ys = span(rows, 3);
  const xs = span(cols, 3);
  if (!ys || !xs) return whole;
  const box = { x: area.x + xs[0], y: area.y + ys[0], width: xs[1] - xs[0] + 1, height: ys[1] - ys[0] + 1 };
  const line = lineHeight(g, box) ?? 0;
  const margin = Math.ceil(Math.max(2 * line, 0.02 * Math.max(g.width, g.height), 2));
  return grow(box, margin, g);
}

/** `r` grown by `pad` on every side, within `bounds`. */
export function grow(r: Rect, pad: number, bounds: { width: number; height: number }): Rect {
  const x = Math.max(0, r.x - pad);
  const y = Math.max(0, r.y - pad);
  return { x, y, width: Math.min(bounds.width, r.x + r.width + pad) - x, height: Math.min(bounds.height, r.y + r.height + pad) - y };
}

/**
 * The median height of the runs of inked rows inside `r`: a line of text, in the grey copy's pixels
 * (ink height, a little under an OCR line box). Undefined with fewer than three lines, where there is
 * nothing to measure (a photo, a chart without text).
 */
export function lineHeight(g: Grey, r: Rect): number | undefined {
  const ink = inkLevel(g);
  const { rows } = profiles(g, r, (v) => v < ink);
  // A row belongs to a line when it holds a fair share of a full line's ink: faint print and the
  // gaps' speckle stay apart.
  const full = [...rows].filter((n) => n > 0).sort((a, b) => a - b);
  const p90 = full[Math.floor(0.9 * full.length)] ?? 0;
  const min = Math.max(2, Math.round(0.01 * r.width), Math.round(0.15 * p90));
  const runs: number[] = [];
  let run = 0;
  for (let y = 0; y <= rows.length; y++) {
    if (y < rows.length && rows[y]! >= min) run++;
    else {
      if (run >= 2) runs.push(run);
      run = 0;
    }
  }
  if (runs.length < 3) return undefined;
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)]!;
}

/** `r`, measured on a copy `scale` times the size, in the original's pixels (within `bounds`). */
export function scaleRect(r: Rect, scale: number, bounds: { width: number; height: number }): Rect {
  const x = Math.max(0, Math.floor(r.x / scale));
  const y = Math.max(0, Math.floor(r.y / scale));
  return {
    x,
    y,
    width: Math.min(bounds.width, Math.ceil((r.x + r.width) / scale)) - x,
    height: Math.min(bounds.height, Math.ceil((r.y + r.height) / scale)) - y,
  };
}

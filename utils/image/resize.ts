/** Pure size maths: never upload pixels the provider would throw away. */
export interface Size {
  width: number;
  height: number;
}

/** The hard cap for every request (issue #2): no image larger than this on its long edge. */
export const MAX_LONG_EDGE = 2048;

export function fitLongEdge({ width, height }: Size, max: number): Size {
  const long = Math.max(width, height);
  if (long <= max) return { width, height };
  const s = max / long;
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

export function fitShortEdge({ width, height }: Size, max: number): Size {
  const short = Math.min(width, height);
  if (short <= max) return { width, height };
  const s = max / short;
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

/** OpenAI tile models (gpt-4o, 4.1, gpt-5): fit in 2048², then short side ≤ 768. */
export function openaiTileSize(size: Size): Size {
  return fitShortEdge(fitLongEdge(size, 2048), 768);
}

/** OpenAI patch models (4.1-mini/nano, o4-mini, gpt-5-mini/nano): ≤ 1536 patches of 32 px. */
export function openaiPatchSize({ width, height }: Size, budget = 1536): Size {
  const patches = Math.ceil(width / 32) * Math.ceil(height / 32);
  if (patches <= budget) return fitLongEdge({ width, height }, 2048);
  let s = Math.sqrt((32 * 32 * budget) / (width * height));
  // Floor to whole patches along both sides, as the documented algorithm does (the smaller factor wins);
  // a side under one patch is left alone, and a thin strip is never upscaled.
  const whole = (n: number) => ((n * s) / 32 >= 1 ? Math.floor((n * s) / 32) / ((n * s) / 32) : 1);
  s = Math.min(1, s * Math.min(whole(width), whole(height)));
  return { width: Math.max(1, Math.floor(width * s)), height: Math.max(1, Math.floor(height * s)) };
}

/** Python's round(), half to even: Anthropic publishes its resize in Python, and its worked examples depend on it. */
const roundHalfEven = (x: number) => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 ? r - 1 : r;
};

/**
 * Anthropic (Images and vision, platform.claude.com, read 2026-12-03): the largest aspect-keeping size whose
 * 28-px patches fit `maxEdge` on each side and `maxTokens` in all: 1568/1568 for most models, 2576/4784 for
 * Claude Opus 4.7 and later. The long edge is searched as in the doc's own `resized_size`.
 */
export function anthropicSize(size: Size, maxEdge = 1568, maxTokens = 1568): Size {
  const fits = (w: number, h: number) =>
    Math.ceil(w / 28) * 28 <= maxEdge && Math.ceil(h / 28) * 28 <= maxEdge && Math.ceil(w / 28) * Math.ceil(h / 28) <= maxTokens;
  if (fits(size.width, size.height)) return size;
  const wide = size.width >= size.height;
  const long = wide ? size.width : size.height;
  const short = wide ? size.height : size.width;
  const at = (l: number): Size => {
    const s = Math.max(1, roundHalfEven((short * l) / long));
    return wide ? { width: l, height: s } : { width: s, height: l };
  };
  let lo = 1;
  let hi = long;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const o = at(mid);
    if (fits(o.width, o.height)) lo = mid;
    else hi = mid - 1;
  }
  return at(lo);
}

/** Gemini 2.x bills 258 tokens per 768-px tile, and 258 for an image with both sides ≤ 384 px. */
export const GEMINI_TILE = 768;
/** Share of the detail Glimpse gives up to save a whole row or column of Gemini tiles. */
export const GEMINI_KEEP = 0.85;

/**
 * Gemini 2.x: fit 1536 px, then drop a row or column of 768-px tiles whenever that keeps ≥ 85 % of the
 * linear detail. A 1080p photo goes as 1365×768 (2 tiles, 516 tokens), not 1536×864 (4 tiles, 1,032 tokens),
 * whose second row holds 96 px of picture.
 */
export function geminiTileSize(size: Size, maxEdge = 1536): Size {
  let out = fitLongEdge(size, maxEdge);
  for (;;) {
    const tx = Math.ceil(out.width / GEMINI_TILE);
    const ty = Math.ceil(out.height / GEMINI_TILE);
    const s = Math.max(tx > 1 ? ((tx - 1) * GEMINI_TILE) / out.width : 0, ty > 1 ? ((ty - 1) * GEMINI_TILE) / out.height : 0);
    if (s < GEMINI_KEEP) return out;
    out = { width: Math.max(1, Math.min(out.width, Math.floor(out.width * s + 1e-9))), height: Math.max(1, Math.min(out.height, Math.floor(out.height * s + 1e-9))) };
  }
}

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

/** Anthropic: long edge ≤ 1568 and at most 1568 patches of 28 px (≈ 1.23 MP). */
export function anthropicSize(size: Size, maxEdge = 1568, maxPatches = 1568): Size {
  let { width, height } = fitLongEdge(size, maxEdge);
  const patches = (w: number, h: number) => Math.ceil(w / 28) * Math.ceil(h / 28);
  if (patches(width, height) <= maxPatches) return { width, height };
  let s = Math.sqrt((28 * 28 * maxPatches) / (width * height));
  while (patches(Math.floor(width * s), Math.floor(height * s)) > maxPatches) s *= 0.99;
  ({ width, height } = { width: Math.max(1, Math.floor(width * s)), height: Math.max(1, Math.floor(height * s)) });
  return { width, height };
}

/** Picks the rule for a provider and model id; unknown models get the conservative local cap. */
export function targetSize(providerId: string, model: string, size: Size): Size {
  const m = model.toLowerCase();
  let out: Size;
  if (providerId === 'openai') {
    out = /(mini|nano|o4-mini)/.test(m) ? openaiPatchSize(size) : openaiTileSize(size);
  } else if (providerId === 'anthropic') {
    out = anthropicSize(size);
  } else if (providerId === 'gemini') {
    out = fitLongEdge(size, 1536);
  } else if (providerId === 'ollama') {
    out = fitLongEdge(size, 1344);
  } else {
    out = fitLongEdge(size, 1568);
  }
  return fitLongEdge(out, MAX_LONG_EDGE);
}
